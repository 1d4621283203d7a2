import { Credentials } from '../../cloud/credentials';
import { parseMessageMode, type MessageModeName } from '../../cloud/message-mode';
import { Hologram } from '../../hologram';
import type { CliCommand } from '../cli-command';
import { CLOUD_OPTIONS, CLOUD_OPTIONS_USAGE, resolveCloudArguments } from '../cloud-arguments';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...CLOUD_OPTIONS,
  topic: { type: 'string', short: 't', multiple: true },
  mode: { type: 'string' },
} as const;

const USAGE = `Usage: hologram send [message...] [options]

Sends each message, in order, and prints one line per message with the result.
Exit status: 0 every message delivered, 1 the cloud refused one or a send failed, 2 bad usage.

Message:
  -t, --topic TOPIC        a topic for every message (repeat for several)
  --mode MODE              hologram_cloud or tcp-other (default: hologram_cloud when credentials are
                           given, tcp-other otherwise, which then needs --host and --port)
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

    const hologram = new Hologram(cloud.credentials ?? new Credentials(), {
      messageMode: mode,
      sendHost: cloud.host,
      sendPort: cloud.port,
      connectTimeoutMs: cloud.timeoutMs,
      replyTimeoutMs: cloud.timeoutMs,
    });
    let undelivered = 0;
    try {
      for (const message of positionals) {
        const result = await hologram.sendMessage(message, values.topic);
        if (!result.ok) undelivered += 1;
        const { code, name, description, ok } = result;
        output.out(values.json === true ? JSON.stringify({ message, code, name, description, ok }) : description);
      }
    } finally {
      hologram.close();
    }
    if (undelivered > 0 && values.json !== true) {
      output.err(
        `hologram send: ${undelivered} of ${positionals.length} message(s) not delivered: ` +
          'for "No reply" check --host, --port and the network and send again; otherwise fix what the result says',
      );
    }
    return undelivered > 0 ? 1 : 0;
  },
};
