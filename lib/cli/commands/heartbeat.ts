import { MessageFailedError } from '../../delivery/message-failed-error';
import { CLOUD_OPTIONS, CLOUD_OPTIONS_USAGE, resolveCloudArguments } from '../cloud-arguments';
import { NETWORK_OPTIONS, NETWORK_OPTIONS_USAGE, resolveNetworkArguments } from '../network-arguments';
import { parsePositive } from '../parse-positive';
import { parsedCommand } from '../parsed-command';
import { ProgressReporter } from '../progress-reporter';
import { repeatTicks, type RepeatTick } from '../repeat-ticks';
import { sendSession } from '../send-session';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...CLOUD_OPTIONS,
  ...NETWORK_OPTIONS,
  interval: { type: 'string' },
  count: { type: 'string' },
  message: { type: 'string', short: 'm' },
  topic: { type: 'string', short: 't', multiple: true },
} as const;

const DEFAULT_INTERVAL_S = 30;
const DEFAULT_TOPIC = 'heartbeat';

const USAGE = `Usage: hologram heartbeat [options]

Sends a heartbeat message to the Hologram cloud every --interval seconds until Ctrl-C (or --count
heartbeats), printing each result. The message is JSON {"heartbeat":N,"uptime":S} (N counts from 1,
S seconds since start) unless --message is given. Heartbeats wait in the outbox while the network
is down and go out, in order, once it is back. On Ctrl-C, heartbeats still waiting are reported.
Exit status: 0 every heartbeat delivered, 1 one was refused or left undelivered, 2 bad usage.

  --interval S             seconds between heartbeats (default ${DEFAULT_INTERVAL_S}, at least 1)
  --count N                stop after N heartbeats are delivered (for scripts and tests)
  -m, --message TEXT       send TEXT instead of the JSON heartbeat
  -t, --topic TOPIC        topic of every heartbeat (repeat for several; default "${DEFAULT_TOPIC}")
${CLOUD_OPTIONS_USAGE}
${NETWORK_OPTIONS_USAGE}

Examples:
  hologram heartbeat -f credentials.hjson
  hologram heartbeat --devicekey xxxxxxxx --interval 300 --network cellular --device /dev/ttyUSB2`;

export const command = parsedCommand('heartbeat', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) {
    throw new UsageError('heartbeat', `unexpected argument ${JSON.stringify(positionals[0])}: give the text with --message`);
  }
  const cloud = resolveCloudArguments('heartbeat', values);
  if (cloud.credentials === undefined) {
    throw new UsageError('heartbeat', 'heartbeats go to the Hologram cloud, which needs credentials: give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG');
  }
  const intervalS = parsePositive('heartbeat', 'interval', values.interval, { min: 1 }) ?? DEFAULT_INTERVAL_S;
  const count = parsePositive('heartbeat', 'count', values.count, { integer: true });
  const choice = resolveNetworkArguments('heartbeat', values);
  const json = values.json === true;
  const progress = ProgressReporter.forTerminal(json);
  const topics = values.topic ?? [DEFAULT_TOPIC];

  const session = await sendSession({ cloud, choice, progress, mode: 'hologram_cloud' });
  const print = session.wrap(output);
  const stop = untilStopped();
  const errors: unknown[] = [];
  let sent = 0;
  let undelivered = 0;
  let settled = 0;
  const pending: Promise<void>[] = [];
  let finishCount = (): void => undefined;
  const counted = new Promise<void>((resolve) => (finishCount = resolve));
  const beat = ({ sequence, elapsedMs }: RepeatTick): void => {
    sent = sequence;
    const message = values.message ?? JSON.stringify({ heartbeat: sequence, uptime: Math.round(elapsedMs / 1000) });
    pending.push(
      session.hologram.sendMessage(message, topics).then(
        (result) => {
          print.out(json ? JSON.stringify({ heartbeat: sequence, message, code: result.code, name: result.name, ok: result.ok }) : `heartbeat ${sequence}: ${result.description}`);
        },
        (error: unknown) => {
          // Anything but a refusal (the facade closed, a broken outbox) ends the command below.
          if (!(error instanceof MessageFailedError)) {
            errors.push(error);
            return;
          }
          undelivered += 1;
          const { code, name, description } = error.result;
          print.out(json ? JSON.stringify({ heartbeat: sequence, message, code, name, ok: false }) : `heartbeat ${sequence}: ${description}`);
        },
      ).finally(() => {
        settled += 1;
        if (count !== undefined && settled >= count) finishCount();
      }),
    );
  };
  try {
    const beating = repeatTicks({ periodMs: intervalS * 1000, count }).subscribe(beat);
    const reason = await Promise.race([stop.stopped, counted]);
    beating.unsubscribe();
    if (reason === 'signal') {
      const waiting = sent - settled;
      if (waiting > 0) {
        undelivered += waiting;
        print.err(`hologram heartbeat: stopped with ${waiting} heartbeat(s) not yet delivered`);
      }
    } else {
      await Promise.all(pending);
      if (errors.length > 0) throw errors[0];
    }
  } finally {
    stop.cancel();
    await session.close();
  }
  return undelivered > 0 ? 1 : 0;
});
