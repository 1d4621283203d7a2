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
 * With a fifth argument, `modem:<tty>`, the device's link is a modem instead (the modem leg): a
 * `CellularNetwork` over AT sockets on that port (the runner's ModemSimulator on a pty, its sockets
 * pointed at the cloud), messages are prefixed `m-` and paced for a modem (10 a second), the link
 * is toggled by the simulator's registration (stdin is ignored), and every 250 ms the device reads
 * one of the modem's IMEI, IMSI, ICCID or firmware revision and prints `ID <what> <value>` (or
 * `IDERR <what> <error>`), for the runner to compare with the simulator's identity: a read that
 * came back with another command's answer, or a noise line, shows up there.
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
import { CellularNetwork } from '../../lib/network/cellular';
import { ManualNetwork } from '../../lib/network/manual-network';
import type { Network } from '../../lib/network/network';

const [mode, path, portText, firstSeqText, linkText = 'manual'] = process.argv.slice(2);
const say = (line: string): void => void process.stdout.write(`${line}\n`);
const seqOf = (data: string): string => data.split('-')[1];
const modemPath = linkText.startsWith('modem:') ? linkText.slice('modem:'.length) : undefined;

/** What the modem leg reads again and again, by the name the runner compares. */
const IDENTITY_READS = ['imei', 'imsi', 'iccid', 'revision'] as const;

async function main(): Promise<void> {
  const manual = modemPath === undefined ? new ManualNetwork({ connected: mode === 'drain' }) : undefined;
  const cellular = modemPath === undefined ? undefined : await openCellular(modemPath);
  const network: Network = manual ?? cellular!;
  const hologram = new Hologram(Credentials.fromDeviceKey('faultkey'), {
    network,
    outbox: { path },
    concurrency: 4,
    // Over TCP the device talks to the runner's proxy; over the modem, to the cloud's own host and
    // port, which the simulator maps to the proxy.
    ...(manual ? { sendHost: '127.0.0.1', sendPort: Number(portText) } : {}),
    connectTimeoutMs: 2000,
    replyTimeoutMs: 2000,
    backoff: { initialMs: 50, maxMs: 2000 },
  });
  hologram.event.subscribe('message.dropped', (event) => say(`REF ${seqOf(event.message.data)} ${event.reason}`));
  hologram.event.subscribe('message.sent', (event) => say(`DLV ${seqOf(event.message.data)}`));
  const pending = setInterval(() => say(`PENDING ${hologram.outbox.stats().pendingCount}`), 1000);

  let turn = 0;
  const identity = cellular
    ? setInterval(() => {
        const what = IDENTITY_READS[turn++ % IDENTITY_READS.length];
        cellular.modem?.[what]().then(
          (value) => say(`ID ${what} ${JSON.stringify(value)}`),
          (error: { code?: string; name?: string }) => say(`IDERR ${what} ${error.name ?? error.code}`),
        );
      }, 250)
    : undefined;

  if (mode === 'run') {
    createInterface({ input: process.stdin }).on('line', (line) => {
      if (line === 'link 0') manual?.setConnected(false);
      if (line === 'link 1') manual?.setConnected(true);
    });
    manual?.setConnected(true);
    let seq = Number(firstSeqText);
    const message = (n: number): string => `${manual ? 'f' : 'm'}-${n}-`.padEnd(300, 'x');
    setInterval(() => {
      const viaStream = seq++;
      say(`TRY ${viaStream} stream`);
      hologram.send$.next({ data: message(viaStream), topics: ['faults'] } as never);
      const awaited = seq++;
      say(`TRY ${awaited} await`);
      hologram.sendMessage(message(awaited), ['faults']).catch((error: { code?: string; name?: string }) => say(`REJ ${awaited} ${error.code ?? error.name}`));
      setImmediate(() => say('TICK'));
    }, manual ? 20 : 200);
  } else if (mode === 'drain') {
    const check = setInterval(() => {
      if (hologram.outbox.stats().pendingCount > 0) return;
      clearInterval(check);
      clearInterval(pending);
      clearInterval(identity);
      say('DRAINED');
      void hologram.close().then(() => network.close());
    }, 100);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

/**
 * Opens the modem's network, again after 500 ms while its init fails (`OPENFAIL <error>` each
 * time): `CellularNetwork.open` rejects when one init command fails, and on a noisy line a stray
 * `ERROR` can be the answer the init takes for one of its commands. An application in the field
 * (or its service manager) starts again the same way.
 */
async function openCellular(device: string): Promise<CellularNetwork> {
  for (;;) {
    try {
      return await CellularNetwork.open(device, { backoff: { initialMs: 50, maxMs: 1000 }, modemOptions: { reconnectPollMs: 50 } });
    } catch (error) {
      say(`OPENFAIL ${(error as Error).name} ${JSON.stringify((error as Error).message)}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

main().catch((error: unknown) => {
  // A device that cannot even start (its modem did not answer) dies as a killed one would: the
  // runner starts another.
  console.error(error);
  process.exit(1);
});
