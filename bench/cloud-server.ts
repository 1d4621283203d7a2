/**
 * The benchmark's cloud, in a process of its own so its CPU is not the client's: reads one frame
 * per connection (up to the `\r\r` terminator), waits `delayMs`, answers `[0,0]` (or `[6,0]`,
 * ERR_INTERNAL, for every `failEvery`-th frame when set) and closes. Settings arrive as JSON lines
 * on stdin (`{"delayMs":20,"failEvery":4}`); it prints its port on stdout, then `ok` after each
 * setting.
 */
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';

let delayMs = 0;
let failEvery = 0;
let frames = 0;

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let seen = '';
  socket.on('data', (chunk) => {
    seen += chunk.toString('latin1');
    if (!seen.endsWith('\r\r')) return;
    frames += 1;
    const reply = failEvery > 0 && frames % failEvery === 0 ? '[6,0]' : '[0,0]';
    if (delayMs === 0) socket.end(reply);
    else setTimeout(() => socket.end(reply), delayMs);
  });
  socket.on('error', () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
createInterface({ input: process.stdin }).on('line', (line) => {
  const settings = JSON.parse(line) as { delayMs?: number; failEvery?: number };
  delayMs = settings.delayMs ?? 0;
  failEvery = settings.failEvery ?? 0;
  frames = 0;
  process.stdout.write('ok\n');
});
process.stdin.on('end', () => server.close());
