import { ApiError } from './apiError.js';
import { parseOrThrow } from '../errors/inputError.js';
import { apiMethods, isApiMethod, type ApiHandlers, type ApiMethod, type ApiResults } from './contract.js';

/** Validates an untrusted payload against the method's schema and calls its handler. */
export async function dispatchApiCall(handlers: ApiHandlers, method: string, payload: unknown): Promise<ApiResults[ApiMethod]> {
  if (!isApiMethod(method)) throw new ApiError(`Unknown API method: ${method}`, 'not-found');
  const input = parseOrThrow(apiMethods[method].input, payload ?? {}, `${method} request`);
  const handler = handlers[method] as (input: unknown) => Promise<ApiResults[ApiMethod]>;
  return handler(input);
}
