/**
 * The device of the combined-fault run: the whole SDK as an application runs it, in a process of
 * its own that the runner SIGKILLs and starts again. Every line it prints is a fact the runner
 * counts (stdout on a pipe is written synchronously, so a printed line happened before the next).
 *
 *   run <outbox> <cloud port> <first seq>   sends about 100 messages a second, half through
 *                                           `send$`, half through awaited `sendMessage`, and obeys
 *                                           `link 0` / `link 1` lines on stdin (a ManualNetwork).
 *   drain <outbox> <cloud port>             sends nothing new; link up; prints `DRAINED` once the
 *                                           outbox is empty, then closes and exits.
 *
 * Lines: `TRY <seq> stream|await` before a message is handed over; `REF <seq> <reason>` when
 * refused (`message.dropped`); `REJ <seq> <code>` when an awaited `sendMessage` rejects; `DLV <seq>`
 * once reported delivered (`message.sent`); `TICK` after each round (every hand-over of the round
 * has been stored or refused by then: a message not refused by the TICK was accepted);
 * `PENDING <n>` now and then.
 */
import { createInterface } from 'node:readline';
import { Credentials } from '../../lib/cloud/credentials';
import { Hologram } from '../../lib/hologram';
import { ManualNetwork } from '../../lib/network/manual-network';

const [mode, path, portText, firstSeqText] = process.argv.slice(2);
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const seqOf = (data: string): string => data.split('-')[1];

const network = new ManualNetwork({ connected: mode === 'drain' });
const hologram = new Hologram(Credentials.fromDeviceKey('faultkey'), {
  network,
  outbox: { path },
  concurrency: 4,
  sendHost: '127.0.0.1',
  sendPort: Number(portText),
  connectTimeoutMs: 2000,
  replyTimeoutMs: 2000,
  backoff: { initialMs: 50, maxMs: 2000 },
});
hologram.event.subscribe('message.dropped', (event) => say(`REF ${seqOf(event.message.data)} ${event.reason}`));
hologram.event.subscribe('message.sent', (event) => say(`DLV ${seqOf(event.message.data)}`));
const pending = setInterval(() => say(`PENDING ${hologram.outbox.stats().pendingCount}`), 1000);

if (mode === 'run') {
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line === 'link 0') network.setConnected(false);
    if (line === 'link 1') network.setConnected(true);
  });
  network.setConnected(true);
  let seq = Number(firstSeqText);
  const message = (n: number): string => `f-${n}-`.padEnd(300, 'x');
  setInterval(() => {
    const viaStream = seq++;
    say(`TRY ${viaStream} stream`);
    hologram.send$.next({ data: message(viaStream), topics: ['faults'] } as never);
    const awaited = seq++;
    say(`TRY ${awaited} await`);
    hologram.sendMessage(message(awaited), ['faults']).catch((error: { code?: string; name?: string }) => say(`REJ ${awaited} ${error.code ?? error.name}`));
    setImmediate(() => say('TICK'));
  }, 20);
} else if (mode === 'drain') {
  const check = setInterval(() => {
    if (hologram.outbox.stats().pendingCount > 0) return;
    clearInterval(check);
    clearInterval(pending);
    say('DRAINED');
    void hologram.close().then(() => network.close());
  }, 100);
} else {
  throw new Error(`unknown mode ${mode}`);
}
