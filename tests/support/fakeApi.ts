import { apiMethodNames, type OptlabApi } from '../../shared/api/contract.js';

/** An API whose calls are recorded and answered when the test says (`answer(i, value)`). */
export function fakeApi() {
  const calls: { method: string; input: unknown; resolve: (value: unknown) => void; reject: (error: unknown) => void }[] = [];
  const methods = Object.fromEntries(
    apiMethodNames.map((method) => [method, (input: unknown) => new Promise((resolve, reject) => calls.push({ method, input, resolve, reject }))]),
  );
  const api = { ...methods, onEvent: () => () => undefined } as unknown as OptlabApi;
  return { api, calls };
}
