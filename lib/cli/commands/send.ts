import { parseMessageMode, type MessageModeName } from '../../cloud/message-mode';
import type { SendResult } from '../../cloud/send-result';
import { MessageFailedError } from '../../delivery/message-failed-error';
import type { CliOutput } from '../cli-command';
import { CLOUD_OPTIONS, CLOUD_OPTIONS_USAGE, resolveCloudArguments } from '../cloud-arguments';
import { failureHints } from '../failure-hint';
import { NETWORK_OPTIONS, NETWORK_OPTIONS_USAGE, resolveNetworkArguments } from '../network-arguments';
import { parsePositive } from '../parse-positive';
import { parsedCommand } from '../parsed-command';
import { ProgressReporter } from '../progress-reporter';
import { repeatTicks } from '../repeat-ticks';
import { sendSession, type SendSession } from '../send-session';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...CLOUD_OPTIONS,
  ...NETWORK_OPTIONS,
  topic: { type: 'string', short: 't', multiple: true },
  mode: { type: 'string' },
  retries: { type: 'string' },
  repeat: { type: 'string' },
  duration: { type: 'string' },
  sms: { type: 'boolean' },
  destination: { type: 'string', short: 'd' },
} as const;

/** Default `--retries`: a one-shot command reports a failure rather than waiting for the network. */
const DEFAULT_RETRIES = 0;
/** Pause ceilings between retries: short, a person is waiting (the SDK's defaults suit devices). */
const CLI_BACKOFF = { initialMs: 200, maxMs: 5000 };

const USAGE = `Usage: hologram send [message...] [options]

Sends each message, in order, and prints one line per message with the result.
Exit status: 0 every message delivered, 1 the cloud refused one or a send failed, 2 bad usage.
A message that gets no reply (or ERR_INTERNAL) is tried again --retries times, after a short
pause that grows each time (at most 5 s), then reported as not delivered.

Message:
  -t, --topic TOPIC        a topic for every message (repeat for several)
  --mode MODE              hologram_cloud (the default: needs credentials) or tcp-other (raw bytes to a
                           server of your choice: needs --host and --port, no credentials)
  --retries N              tries again N times when there is no reply or a transient error (default ${DEFAULT_RETRIES})
  --repeat S               send the messages again every S seconds (at least 1) until Ctrl-C or --duration
  --duration S             with --repeat: stop after S seconds
  --sms                    send an SMS instead (the same as hologram sms): needs --destination
  -d, --destination NUMBER with --sms: the phone number, + and the country code
${CLOUD_OPTIONS_USAGE}
${NETWORK_OPTIONS_USAGE}

Examples:
  hologram send "1st message" "2nd message" -f credentials.hjson --topic example
  hologram send hello --devicekey xxxxxxxx --host 127.0.0.1 -p 9999
  hologram send ping --mode tcp-other --host example.com -p 7000   (raw bytes, prints the reply)
  hologram send "reading" -f credentials.hjson --network cellular --device /dev/ttyUSB2
  hologram send "ping" -f credentials.hjson --repeat 10 --duration 60
  hologram send --sms --destination +15555550100 "hello" -f credentials.hjson`;

export const command = parsedCommand('send', USAGE, OPTIONS, async ({ values, positionals }, output, argv) => {
  if (values.sms === true) return smsAlias(argv, output);
  if (values.destination !== undefined) throw new UsageError('send', '--destination goes with --sms (or use hologram sms)');
  const cloud = resolveCloudArguments('send', values);
  let mode: MessageModeName;
  try {
    mode = values.mode === undefined ? 'hologram_cloud' : parseMessageMode(values.mode);
  } catch (error) {
    throw new UsageError('send', `--mode ${values.mode} is not a message mode: use hologram_cloud or tcp-other`);
  }
  if (positionals.length === 0) {
    throw new UsageError('send', 'no message given: pass the text to send, e.g. hologram send "hello"');
  }
  if (mode === 'hologram_cloud' && cloud.credentials === undefined) {
    throw new UsageError(
      'send',
      'no credentials: to send to the Hologram cloud give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG; ' +
        'to send raw bytes to a server of your choice give --mode tcp-other with --host and --port',
    );
  }
  if (mode === 'tcp-other' && (cloud.host === undefined || cloud.port === undefined)) {
    throw new UsageError('send', `--mode tcp-other sends to a server of your choice: give --${cloud.host === undefined ? 'host' : 'port'}${cloud.host === undefined && cloud.port === undefined ? ' and --port' : ''}`);
  }

  const retries = parseRetries(values.retries);
  const repeatS = parsePositive('send', 'repeat', values.repeat, { min: 1 });
  const durationS = parsePositive('send', 'duration', values.duration);
  if (durationS !== undefined && repeatS === undefined) throw new UsageError('send', '--duration goes with --repeat S');
  const choice = resolveNetworkArguments('send', values);
  const json = values.json === true;
  const progress = ProgressReporter.forTerminal(json);

  const session = await sendSession({ cloud, choice, progress, mode, maxAttempts: retries + 1, backoff: CLI_BACKOFF });
  const print = session.wrap(output);
  const round: Round = { session, messages: positionals, topics: values.topic, json, address: `${session.hologram.sendHost}:${session.hologram.sendPort}` };
  let tally: Tally;
  try {
    tally = repeatS === undefined ? await sendRound(round, print) : await sendRepeatedly(round, print, repeatS, durationS);
  } finally {
    await session.close();
  }
  if (tally.undelivered > 0 && !json) {
    output.err(`hologram send: ${tally.undelivered} of ${tally.sent} message(s) not delivered`);
    for (const hint of tally.hints) output.err(`  ${hint}`);
  }
  return tally.undelivered > 0 ? 1 : 0;
});

/** What each round sends, and where (to name it in hints). */
interface Round {
  readonly session: SendSession;
  readonly messages: readonly string[];
  readonly topics: string[] | undefined;
  readonly json: boolean;
  readonly address: string;
}

interface Tally {
  sent: number;
  undelivered: number;
  /** What to do about the failures, one line per distinct cause. */
  hints: ReadonlySet<string>;
}

/** How a result line names its message when several are sent: its position and its start. */
function messageLabel(message: string, index: number): string {
  const text = message.length > 40 ? `${message.slice(0, 39)}…` : message;
  return `[${index + 1}] ${JSON.stringify(text)}`;
}

/**
 * Accepts every message at once, in order; prints each result as its message settles, in order,
 * naming the message when there are several.
 */
async function sendRound({ session, messages, topics, json, address }: Round, output: CliOutput): Promise<Tally> {
  const outcomes = messages.map((message) =>
    session.hologram.sendMessage(message, topics).then(
      (result): { result?: SendResult; error?: unknown } => ({ result }),
      // Failed messages are results to print; anything else ends the command after this line.
      (error: unknown) => (error instanceof MessageFailedError ? { result: error.result } : { error }),
    ),
  );
  const failed: SendResult[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    const { result, error } = await outcome;
    if (result === undefined) throw error;
    const { code, name, description, ok } = result;
    if (!ok) failed.push(result);
    output.out(json ? JSON.stringify({ message: messages[index], code, name, description, ok }) : messages.length > 1 ? `${messageLabel(messages[index], index)}: ${description}` : description);
  }
  return { sent: messages.length, undelivered: failed.length, hints: new Set(failureHints(failed, { address })) };
}

/**
 * `--repeat S`: a round of every message now and every S seconds, until Ctrl-C or `--duration`.
 * Rounds do not wait for each other (messages queue in the outbox, in order); on a stop, the
 * rounds already accepted are still delivered and printed (a second Ctrl-C abandons them).
 */
async function sendRepeatedly(round: Round, output: CliOutput, repeatS: number, durationS: number | undefined): Promise<Tally> {
  const { session, messages } = round;
  const rounds: Promise<Tally>[] = [];
  // Printing stays in order: each round prints once the previous one has.
  let printed: Promise<unknown> = Promise.resolve();
  const startRound = (): void => {
    const previous = printed;
    const ordered: CliOutput = { out: (line) => void previous.then(() => output.out(line)), err: output.err };
    const done = sendRound(round, ordered);
    printed = Promise.all([previous, done.catch(() => undefined)]);
    rounds.push(done);
  };
  // Rounds go on until Ctrl-C, or until --duration completes the ticks.
  const stop = untilStopped();
  let durationOver = (): void => undefined;
  const durationEnded = new Promise<void>((resolve) => (durationOver = resolve));
  const ticking = repeatTicks({ periodMs: repeatS * 1000, durationMs: durationS === undefined ? undefined : durationS * 1000 }).subscribe({
    next: startRound,
    complete: () => durationOver(),
  });
  await Promise.race([stop.stopped, durationEnded]);
  ticking.unsubscribe();
  stop.cancel();
  const abandon = untilStopped();
  try {
    const all = Promise.all(rounds);
    const outcome = await Promise.race([all, abandon.stopped]);
    if (outcome === 'signal') return { sent: rounds.length * messages.length, undelivered: session.hologram.outbox.stats().pendingCount, hints: new Set() };
    await printed;
    return (outcome as Tally[]).reduce(
      (sum, tally) => ({ sent: sum.sent + tally.sent, undelivered: sum.undelivered + tally.undelivered, hints: new Set([...sum.hints, ...tally.hints]) }),
      { sent: 0, undelivered: 0, hints: new Set<string>() },
    );
  } finally {
    abandon.cancel();
  }
}

/** `hologram send --sms --destination +N "text"`: the same as `hologram sms`, with the other options it takes. */
async function smsAlias(argv: readonly string[], output: CliOutput): Promise<number> {
  const { command } = await import('./sms');
  return command.run(argv.filter((arg) => arg !== '--sms'), output);
}

function parseRetries(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RETRIES;
  if (!/^[0-9]+$/.test(text.trim()) || Number(text) > 1000) {
    throw new UsageError('send', `--retries must be a whole number from 0 to 1000, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}
