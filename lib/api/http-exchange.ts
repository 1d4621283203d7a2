import { APIError } from './api-error';
import type { ApiRequest } from './api-request';
import type { ApiResponse } from './api-response';

/** The `fetch` the API client uses (Node's own by default; injectable for tests and proxies). */
export type FetchFunction = typeof fetch;

/**
 * Sends `request` and reads the whole answer, within `timeoutMs` for both. The only I/O of the
 * REST client. Failures are `APIError`s of kind `timeout` or `network` that name the call, never
 * its URL (which may carry the API key).
 */
export async function httpExchange(request: ApiRequest, timeoutMs: number, fetchFunction: FetchFunction = fetch): Promise<ApiResponse> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // No redirects: the query string carries the API key, and a redirect could carry it elsewhere.
    const response = await fetchFunction(request.url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'error' });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    // Duck-typed, not `instanceof`: fetch's errors may come from another realm (a test VM).
    const failure = error as { name?: string; message?: string; cause?: { code?: string; message?: string } } | undefined;
    if (signal.aborted || failure?.name === 'TimeoutError') {
      throw new APIError('timeout', request.endpoint, `no answer within ${timeoutMs} ms`, { cause: error });
    }
    const code = failure?.cause?.code;
    const reason = code ?? failure?.cause?.message ?? failure?.message ?? String(error);
    throw new APIError('network', request.endpoint, `cannot reach the API (${reason}): check the network${code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? ' and the base URL' : ''}`, {
      code,
      cause: error,
    });
  }
}
