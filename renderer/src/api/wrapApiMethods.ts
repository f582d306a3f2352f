import { apiMethodNames, type ApiMethod, type OptlabApi } from '../../../shared/api/contract.js';

/** A call of one API method, its input and answer untyped. */
export type UntypedCall = (input: unknown) => Promise<unknown>;

/** `api` with each method's call replaced by `wrap(method, call)`; events pass through as they are. */
export function wrapApiMethods(api: OptlabApi, wrap: (method: ApiMethod, call: UntypedCall) => UntypedCall): OptlabApi {
  const methods = Object.fromEntries(apiMethodNames.map((name) => [name, wrap(name, (api[name] as UntypedCall).bind(api))]));
  return { ...(methods as Omit<OptlabApi, 'onEvent'>), onEvent: (listener) => api.onEvent(listener) };
}
