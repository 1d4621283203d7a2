import type { ServerResponse } from 'node:http';
import { createGzip } from 'node:zlib';

/** The bombs built so far, by decompressed size: building one costs a deflate pass over all of it. */
const bombs = new Map<number, Promise<Buffer>>();

/** A gzip body of `bytes` zeros (about 1 KB per MB), built once per size without holding the zeros. */
export function gzipBomb(bytes: number): Promise<Buffer> {
  let bomb = bombs.get(bytes);
  if (bomb === undefined) {
    bomb = new Promise<Buffer>((resolve, reject) => {
      const gzip = createGzip({ level: 9 });
      const parts: Buffer[] = [];
      gzip.on('data', (part: Buffer) => parts.push(part));
      gzip.on('end', () => resolve(Buffer.concat(parts)));
      gzip.on('error', reject);
      const zeros = Buffer.alloc(1024 * 1024);
      let left = bytes;
      const write = (): void => {
        while (left > 0) {
          const size = Math.min(left, zeros.length);
          left -= size;
          if (!gzip.write(zeros.subarray(0, size))) {
            gzip.once('drain', write);
            return;
          }
        }
        gzip.end();
      };
      write();
    });
    bombs.set(bytes, bomb);
  }
  return bomb;
}

/** A 200 whose JSON never ends: a long string written as fast as the client takes it, until it hangs up. */
export function endlessBody(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"success":true,"data":"');
  const filler = Buffer.alloc(64 * 1024, 'a');
  const pump = (): void => {
    while (!response.destroyed && response.write(filler));
    if (!response.destroyed) response.once('drain', pump);
  };
  pump();
}

/** A 200 whose body comes one byte every 50 ms, forever: it never passes a size limit, only a deadline stops it. */
export function trickleBody(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/json' });
  response.write('{"success":true,"data":"');
  const timer = setInterval(() => response.write('a'), 50);
  response.once('close', () => clearInterval(timer));
}

/** A 400 whose error echoes the request line and its `Authorization` header, as some servers and proxies do. */
export function echoRequest(response: ServerResponse, method: string, target: string, authorization: string | undefined): void {
  response.writeHead(400, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ success: false, error: `Bad request: ${method} ${target} (Authorization: ${authorization ?? 'none'})` }));
}
