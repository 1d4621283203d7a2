import type { ReceivedMessage } from '../../facade/message-receiver';
import type { ReceivedSMS } from '../../modem/sms-service';
import type { CliOutput } from '../cli-command';
import { openChosenModem } from '../modem-choice';
import { NETWORK_OPTIONS, NETWORK_OPTIONS_USAGE, openCellularNetwork, resolveNetworkArguments, waitConnected, type NetworkChoice } from '../network-arguments';
import { parsePositive } from '../parse-positive';
import type { ParsedArguments } from '../parse-arguments';
import { parsedCommand } from '../parsed-command';
import { ProgressReporter } from '../progress-reporter';
import { untilStopped } from '../until-stopped';
import { parsePort } from '../../validation/port';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...NETWORK_OPTIONS,
  data: { type: 'boolean' },
  sms: { type: 'boolean' },
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  timeout: { type: 'string' },
  count: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: hologram receive [--data | --sms] [options]

Prints messages sent to this device as they arrive, until Ctrl-C, --timeout or --count.
  --data (default): cloud-to-device messages, over TCP on --port (default 4010). On the host's
                    connection by default; with --network cellular on a u-blox modem in sockets
                    mode, the modem listens instead.
  --sms:            SMS received by the modem: those stored in its memory, then new ones; each
                    is deleted from the modem once printed (other commands leave SMS there).
Text output: one line per message (the message text); the listening address goes to stderr.
--json output: {"listening":{...}} first, then one object per message.
Exit status: 0 stopped normally, 1 the listener or modem failed, 2 bad usage.

  --host HOST              --data: address to listen on (default 0.0.0.0)
  -p, --port PORT          --data: port to listen on (default 4010; 0 picks a free one, see "listening")
  --timeout S              stop after S seconds
  --count N                stop after N messages
  --json                   one JSON object per line
  -h, --help               show this help
${NETWORK_OPTIONS_USAGE}

Examples:
  hologram receive                         (messages from the cloud on port 4010)
  hologram receive --sms --device /dev/ttyUSB2 --json
  hologram receive --port 0 --timeout 60 --json`;

type Values = ParsedArguments<typeof OPTIONS>['values'];

export const command = parsedCommand('receive', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('receive', `unexpected argument ${JSON.stringify(positionals[0])}: receive takes options only`);
  if (values.data === true && values.sms === true) throw new UsageError('receive', 'give --data or --sms, not both');
  const sms = values.sms === true;
  if (sms && (values.host !== undefined || values.port !== undefined)) {
    throw new UsageError('receive', '--host and --port are for --data: SMS come through the modem (--device)');
  }
  const port = values.port === undefined ? undefined : parsePort(values.port, '--port', 'any-free');
  const timeoutS = parsePositive('receive', 'timeout', values.timeout);
  const count = parsePositive('receive', 'count', values.count, { integer: true });
  const network = resolveNetworkArguments('receive', values);
  const stop = untilStopped(timeoutS === undefined ? undefined : timeoutS * 1000);
  try {
    return sms ? await receiveSMS(values, network, output, stop.stopped, count) : await receiveData(values, network, port, output, stop.stopped, count);
  } finally {
    stop.cancel();
  }
});

/** Waits for a stop, or for `count` messages when given. */
function stopAfter(stopped: Promise<unknown>, count: number | undefined): { readonly done: Promise<unknown>; received(): void } {
  let seen = 0;
  let reached = (): void => undefined;
  const enough = new Promise<void>((resolve) => (reached = resolve));
  return {
    done: Promise.race([stopped, enough]),
    received: () => {
      seen += 1;
      if (count !== undefined && seen >= count) reached();
    },
  };
}

async function receiveData(
  values: Values,
  choice: ReturnType<typeof resolveNetworkArguments>,
  port: number | undefined,
  output: CliOutput,
  stopped: Promise<unknown>,
  count: number | undefined,
): Promise<number> {
  const json = values.json === true;
  const progress = ProgressReporter.forTerminal(json);
  const [{ Hologram }, { Credentials }] = await Promise.all([import('../../hologram'), import('../../cloud/credentials')]);
  const network = choice.cellular ? await openCellularNetwork(choice, progress) : undefined;
  const hologram = new Hologram(new Credentials(), { network });
  try {
    if (network !== undefined) await waitConnected(network, choice, progress);
    const receiving = await hologram.startReceiving({ host: values.host, port });
    const where = receiving.host === undefined ? `modem port ${receiving.port}` : `${receiving.host}:${receiving.port}`;
    if (json) output.out(JSON.stringify({ listening: receiving }));
    else output.err(`Listening for messages on ${where} (${receiving.via}); Ctrl-C to stop`);
    const until = stopAfter(stopped, count);
    const subscription = hologram.receive$.subscribe((message) => {
      output.out(json ? JSON.stringify(messageJSON(message)) : message.text);
      until.received();
    });
    await until.done;
    subscription.unsubscribe();
    await hologram.stopReceiving();
    return 0;
  } finally {
    await hologram.close();
    await network?.close();
  }
}

async function receiveSMS(values: Values, network: NetworkChoice, output: CliOutput, stopped: Promise<unknown>, count: number | undefined): Promise<number> {
  const json = values.json === true;
  const progress = ProgressReporter.forTerminal(json);
  progress.show({ kind: 'opening', device: values.device });
  let modem;
  try {
    modem = await openChosenModem(network);
  } finally {
    progress.clear();
  }
  try {
    if (json) output.out(JSON.stringify({ listening: { via: 'sms', device: modem.path } }));
    else output.err(`Waiting for SMS on ${modem.path}; Ctrl-C to stop`);
    const until = stopAfter(stopped, count);
    let failure: unknown;
    const failed = new Promise<void>((resolve) => {
      const subscription = modem.sms$.subscribe({
        next: (sms) => {
          output.out(json ? JSON.stringify(smsJson(sms)) : `${sms.from}: ${sms.text}`);
          until.received();
        },
        error: (error: unknown) => {
          failure = error;
          resolve();
        },
      });
      void until.done.then(() => subscription.unsubscribe());
    });
    await Promise.race([until.done, failed]);
    if (failure !== undefined) throw failure;
    // The modem runs commands in order: once this answers, the deletion of the last SMS printed
    // (queued as it was printed) is done, so the next run does not print it again.
    await modem.command('AT').catch(() => undefined);
    return 0;
  } finally {
    await modem.close();
  }
}

function messageJSON(message: ReceivedMessage): object {
  return {
    type: 'message',
    via: message.via,
    from: message.remoteAddress,
    fromPort: message.remotePort,
    text: message.text,
    base64: message.data.toString('base64'),
    bytes: message.data.length,
    receivedAt: new Date(message.receivedAt).toISOString(),
  };
}

function smsJson(sms: ReceivedSMS): object {
  return {
    type: 'sms',
    from: sms.from,
    text: sms.text,
    timestamp: sms.timestamp.date.toISOString(),
    parts: sms.parts.length,
    complete: sms.complete,
    ...(sms.missing.length > 0 ? { missing: sms.missing } : {}),
  };
}
