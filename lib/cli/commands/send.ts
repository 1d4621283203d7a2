import { Credentials } from '../../cloud/credentials';
import { parseMessageMode, type MessageModeName } from '../../cloud/message-mode';
import type { SendResult } from '../../cloud/send-result';
import { MessageFailedError } from '../../delivery/message-failed-error';
import { Hologram } from '../../hologram';
import type { CliCommand } from '../cli-command';
import { CLOUD_OPTIONS, CLOUD_OPTIONS_USAGE, resolveCloudArguments } from '../cloud-arguments';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...CLOUD_OPTIONS,
  topic: { type: 'string', short: 't', multiple: true },
  mode: { type: 'string' },
  retries: { type: 'string' },
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
  --mode MODE              hologram_cloud or tcp-other (default: hologram_cloud when credentials are
                           given, tcp-other otherwise, which then needs --host and --port)
  --retries N              tries again N times when there is no reply or a transient error (default ${DEFAULT_RETRIES})
${CLOUD_OPTIONS_USAGE}

Examples:
  hologram send "1st message" "2nd message" -f credentials.hjson --topic example
  hologram send hello --devicekey xxxxxxxx --host 127.0.0.1 -p 9999
  hologram send ping --host example.com -p 7000          (tcp-other: raw bytes, prints the reply)`;

export const command: CliCommand = {
  name: 'send',
  usage: USAGE,
  async run(argv, output) {
    const { values, positionals } = parseArguments('send', argv, OPTIONS);
    if (values.help === true) {
      output.out(USAGE);
      return 0;
    }
    const cloud = resolveCloudArguments('send', values);
    let mode: MessageModeName;
    try {
      mode = values.mode === undefined ? (cloud.credentials ? 'hologram_cloud' : 'tcp-other') : parseMessageMode(values.mode);
    } catch (error) {
      throw new UsageError('send', `--mode ${values.mode} is not a message mode: use hologram_cloud or tcp-other`);
    }
    if (positionals.length === 0) {
      throw new UsageError('send', 'no message given: pass the text to send, e.g. hologram send "hello"');
    }
    if (mode === 'hologram_cloud' && cloud.credentials === undefined) {
      throw new UsageError('send', 'hologram_cloud needs credentials: give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG');
    }
    if (mode === 'tcp-other' && (cloud.host === undefined || cloud.port === undefined)) {
      throw new UsageError(
        'send',
        'no credentials given, so the message goes to a server of your choice (tcp-other), which needs --host and --port; ' +
          'to send to the Hologram cloud give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG',
      );
    }

    const retries = parseRetries(values.retries);

    const hologram = new Hologram(cloud.credentials ?? new Credentials(), {
      messageMode: mode,
      sendHost: cloud.host,
      sendPort: cloud.port,
      connectTimeoutMs: cloud.timeoutMs,
      replyTimeoutMs: cloud.timeoutMs,
      maxAttempts: retries + 1,
      backoff: CLI_BACKOFF,
    });
    let undelivered = 0;
    try {
      // All accepted at once, in order; each line is printed as its message settles, in order.
      const outcomes = positionals.map((message) =>
        hologram.sendMessage(message, values.topic).then(
          (result): { result?: SendResult; error?: unknown } => ({ result }),
          // Failed messages are results to print; anything else ends the command after this line.
          (error: unknown) => (error instanceof MessageFailedError ? { result: error.result } : { error }),
        ),
      );
      for (const [index, outcome] of outcomes.entries()) {
        const { result, error } = await outcome;
        if (result === undefined) throw error;
        const { code, name, description, ok } = result;
        if (!ok) undelivered += 1;
        const message = positionals[index];
        output.out(values.json === true ? JSON.stringify({ message, code, name, description, ok }) : description);
      }
    } finally {
      hologram.close();
    }
    if (undelivered > 0 && values.json !== true) {
      output.err(
        `hologram send: ${undelivered} of ${positionals.length} message(s) not delivered: ` +
          'for "No reply" check --host, --port and the network, then send again (or use --retries); otherwise fix what the result says',
      );
    }
    return undelivered > 0 ? 1 : 0;
  },
};

function parseRetries(text: string | undefined): number {
  if (text === undefined) return DEFAULT_RETRIES;
  if (!/^[0-9]+$/.test(text.trim()) || Number(text) > 1000) {
    throw new UsageError('send', `--retries must be a whole number from 0 to 1000, got ${JSON.stringify(text)}`);
  }
  return Number(text);
}
