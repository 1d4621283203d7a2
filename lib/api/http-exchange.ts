import * as http from 'node:http';
import * as https from 'node:https';
import * as zlib from 'node:zlib';
import { APIError } from './api-error';
import type { APIRequest } from './api-request';
import type { APIResponse } from './api-response';
import { isRetryableStatus, parseRetryAfter } from './retry-after';

/** The bounds of one exchange. */
export interface ExchangeLimits {
  /** The whole answer, headers and body, must arrive within this long. */
  readonly timeoutMs: number;
  /** Bodies longer than this, as sent or once decompressed, are cut with an `APIError` of kind `too-large`. */
  readonly maxBodyBytes: number;
}

/**
 * The body as text, decoded by its `Content-Encoding` within `limit` bytes of output: the client
 * asks for `identity`, but a server may compress anyway, and a small compressed body can stand
 * for gigabytes (a "zip bomb"). Zlib's one-shot decoders stop at `maxOutputLength`.
 */
function decodeBody(endpoint: string, status: number, encoding: string, raw: Buffer, limit: number): string {
  const options = { maxOutputLength: limit };
  let decoded: Buffer;
  try {
    if (encoding === '' || encoding === 'identity') decoded = raw;
    else if (encoding === 'gzip' || encoding === 'x-gzip') decoded = zlib.gunzipSync(raw, options);
    else if (encoding === 'deflate') decoded = raw[0] === 0x78 ? zlib.inflateSync(raw, options) : zlib.inflateRawSync(raw, options);
    else if (encoding === 'br') decoded = zlib.brotliDecompressSync(raw, options);
    else throw new APIError('malformed', endpoint, `the answer is in an encoding the client does not read (${JSON.stringify(encoding.slice(0, 40))})`, { status });
  } catch (error) {
    if (error instanceof APIError) throw error;
    if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge(endpoint, status, limit, 'once decompressed');
    throw new APIError('malformed', endpoint, `the answer's ${encoding} body cannot be decoded`, { status, cause: error });
  }
  return decoded.toString('utf8');
}

function tooLarge(endpoint: string, status: number, limit: number, how: string): APIError {
  return new APIError('too-large', endpoint, `the answer's body is larger than ${limit} bytes ${how}: cut there (raise maxBodyBytes if the API's lists are that long)`, {
    status,
    limitBytes: limit,
  });
}

function networkError(request: APIRequest, error: unknown): APIError {
  const failure = error as { code?: unknown; message?: unknown } | undefined;
  const code = typeof failure?.code === 'string' ? failure.code : undefined;
  const reason = code ?? (typeof failure?.message === 'string' ? failure.message : 'connection failed');
  const hint = code === 'ECONNREFUSED' || code === 'ENOTFOUND' ? ' and the base URL' : '';
  return new APIError('network', request.endpoint, `cannot reach the API (${reason}): check the network${hint}`, { code, cause: error });
}

/**
 * Sends `request` and reads the whole answer within `limits`: one timer bounds headers and body
 * alike (an endless or trickling body fails at `timeoutMs`), the body is counted as it arrives
 * and cut at `maxBodyBytes`, and redirects are never followed (the answer's status is the
 * answer). The only I/O of the REST client. Failures are `APIError`s of kind `timeout`,
 * `too-large`, `malformed` or `network` that name the call, never its headers.
 */
export function httpExchange(request: APIRequest, limits: ExchangeLimits): Promise<APIResponse> {
  return new Promise<APIResponse>((resolve, reject) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    let outgoing: http.ClientRequest;
    let incoming: http.IncomingMessage | undefined;
    let settled = false;
    const finish = (error: APIError | undefined, response?: APIResponse): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      incoming?.destroy();
      outgoing?.destroy();
      if (error === undefined && response !== undefined) resolve(response);
      else reject(error);
    };
    const timer = setTimeout(() => finish(new APIError('timeout', request.endpoint, `no whole answer within ${limits.timeoutMs} ms`)), limits.timeoutMs);
    try {
      // agent: false: one connection per call, closed after it, so no idle socket outlives the call.
      outgoing = (url.protocol === 'https:' ? https : http).request(url, { method: request.method, agent: false });
      // Set after the request is made, not in its options: NODE_DEBUG=http prints those options
      // (with any Authorization header in them), never the headers set later.
      for (const [name, value] of Object.entries(headers)) outgoing.setHeader(name, value);
    } catch (error) {
      finish(networkError(request, error));
      return;
    }
    outgoing.on('error', (error) => finish(networkError(request, error)));
    outgoing.on('response', (response) => {
      incoming = response;
      const status = response.statusCode ?? 0;
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBodyBytes) {
        finish(tooLarge(request.endpoint, status, limits.maxBodyBytes, `(it announced ${declared})`));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received > limits.maxBodyBytes) finish(tooLarge(request.endpoint, status, limits.maxBodyBytes, 'as sent'));
        else chunks.push(chunk);
      });
      response.on('error', (error) => finish(networkError(request, error)));
      response.on('aborted', () => finish(networkError(request, new Error('the connection closed in the middle of the answer'))));
      response.on('end', () => {
        if (settled) return;
        try {
          const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
          const body = decodeBody(request.endpoint, status, encoding, Buffer.concat(chunks), limits.maxBodyBytes);
          const retryAfter = response.headers['retry-after'];
          const retryAfterMs = isRetryableStatus(status) ? parseRetryAfter(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, Date.now()) : undefined;
          finish(undefined, { status, body, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
        } catch (error) {
          finish(error instanceof APIError ? error : new APIError('malformed', request.endpoint, 'the answer cannot be read', { status, cause: error }));
        }
      });
    });
    outgoing.end(request.body);
  });
}
