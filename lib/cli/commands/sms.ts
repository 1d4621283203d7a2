import { Hologram } from '../../hologram';
import { CLOUD_OPTIONS, CLOUD_OPTIONS_USAGE, resolveCloudArguments } from '../cloud-arguments';
import { parsedCommand } from '../parsed-command';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...CLOUD_OPTIONS,
  destination: { type: 'string', short: 'd' },
} as const;

const USAGE = `Usage: hologram sms "message" --destination +NUMBER [options]

Sends an SMS (at most 160 characters) through the Hologram cloud and prints the result.
Exit status: 0 accepted, 1 the cloud refused it or the send failed, 2 bad usage or bad input.

  -d, --destination NUMBER the phone number: + and the country code, e.g. +15555550100
${CLOUD_OPTIONS_USAGE}

Example:
  hologram sms -f credentials.hjson --destination +11234567890 "hey there!"`;

export const command = parsedCommand('sms', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  const cloud = resolveCloudArguments('sms', values);
  if (positionals.length !== 1) {
    throw new UsageError(
      'sms',
      positionals.length === 0 ? 'no message given: pass the SMS text, e.g. hologram sms "hello" --destination +15555550100' : 'give one message: put quotes around text with spaces',
    );
  }
  if (values.destination === undefined) {
    throw new UsageError('sms', 'no destination: give --destination +NUMBER (with the country code)');
  }
  if (cloud.credentials === undefined) {
    throw new UsageError('sms', 'SMS goes through the Hologram cloud, which needs credentials: give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG');
  }
  const [message] = positionals as [string];
  const hologram = new Hologram(cloud.credentials, {
    sendHost: cloud.host,
    sendPort: cloud.port,
    connectTimeoutMs: cloud.timeoutMs,
    replyTimeoutMs: cloud.timeoutMs,
  });
  try {
    const result = await hologram.sendSMS(values.destination, message);
    const { code, name, description, ok } = result;
    output.out(
      values.json === true ? JSON.stringify({ destination: values.destination, message, code, name, description, ok }) : description,
    );
    return ok ? 0 : 1;
  } finally {
    await hologram.close();
  }
});
