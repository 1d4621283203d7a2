import { decodeMetadata, type FrameMetadata } from '../../cloud/cloud-frame';
import { Credentials } from '../../cloud/credentials';
import { resultCode } from '../../cloud/result-codes';
import { parsePort } from '../../validation/port';
import { CloudEmulator, type ReceivedFrame } from '../../testing/cloud-emulator';
import { parsedCommand } from '../parsed-command';
import { runRESTEmulator } from '../rest-emulator-run';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const USAGE = `Usage: hologram emulator [--host 127.0.0.1] [--port 9999] [--devicekey KEY ...] [--json]
       hologram emulator --rest (--apikey KEY | --user NAME:PASSWORD) [--port 0] [--sim ICCID ...]
                         [--pending-polls N] [--json]

Runs a local Hologram cloud emulator in the foreground and prints each frame it receives, every
field including the metadata (device keys shown as ********). Stop it with Ctrl-C.
With --rest, runs the Hologram REST API emulator instead (plans, SIM activation and state; what
hologram activate --base-url uses) on 127.0.0.1 and prints each request it answers.

  --host HOST              address to listen on (default 127.0.0.1)
  -p, --port PORT          port to listen on (default 9999, with --rest 0; 0 picks a free one)
  --devicekey KEY          accept only this device key (repeat for several; default: any 8 characters)
  --json                   one JSON object per line

REST API (--rest):
  --apikey KEY             an organisation API key it accepts (repeatable)
  --user NAME:PASSWORD     a dashboard user it accepts with basic auth (repeatable)
  --sim ICCID              a SIM that may be activated (repeatable; default: the SIMs of the
                           models hologram simulator runs)
  --pending-polls N        after an activation, how many state reads answer PENDING before LIVE
                           (default 0)
  -h, --help               show this help`;

const HIDDEN_KEY = '********';

/** One printed line for a frame; never the key, never the raw bytes of an invalid frame (they may hold one). */
function describeFrame(frame: ReceivedFrame, json: boolean): string {
  const name = resultCode(frame.code).name;
  switch (frame.kind) {
    case 'message': {
      const metadata = frame.metadata === undefined ? null : { value: frame.metadata, ...decodeMetadata(frame.metadata) };
      return json
        ? JSON.stringify({ kind: 'message', deviceKey: HIDDEN_KEY, data: frame.data, topics: frame.topics, metadata, code: frame.code, name })
        : `message ${JSON.stringify(frame.data)} topics ${JSON.stringify(frame.topics)}${describeMetadata(metadata)} key ${HIDDEN_KEY} -> ${name} (${frame.code})`;
    }
    case 'sms':
      return json
        ? JSON.stringify({ kind: 'sms', deviceKey: HIDDEN_KEY, destination: frame.destination, body: frame.body, code: frame.code, name })
        : `sms to ${frame.destination} ${JSON.stringify(frame.body)} key ${HIDDEN_KEY} -> ${name} (${frame.code})`;
    case 'invalid':
      return json
        ? JSON.stringify({ kind: 'invalid', reason: frame.reason, bytes: Buffer.byteLength(frame.raw), code: frame.code, name })
        : `invalid frame (${frame.reason}, ${Buffer.byteLength(frame.raw)} bytes) -> ${name} (${frame.code})`;
  }
}

/** ` from <modem type> (<id>), SDK <version>`, or nothing for a frame without metadata. */
function describeMetadata(metadata: (Partial<FrameMetadata> & { value: string }) | null): string {
  if (metadata === null || metadata.sdkVersion === undefined) return '';
  const id = metadata.modemId === undefined ? '' : ` (${metadata.modemId})`;
  return ` from ${metadata.modemType}${id}, SDK ${metadata.sdkVersion}`;
}

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  devicekey: { type: 'string', multiple: true },
  json: { type: 'boolean' },
  rest: { type: 'boolean' },
  apikey: { type: 'string', multiple: true },
  user: { type: 'string', multiple: true },
  sim: { type: 'string', multiple: true },
  'pending-polls': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `--port`: a port number, or 0 for any free one. */
function listenPort(text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  return parsePort(text, '--port', 'any-free');
}

/** Options that belong to one emulator only: given to the other, they are a usage error. */
const CLOUD_ONLY = ['host', 'devicekey'] as const;
const REST_ONLY = ['apikey', 'user', 'sim', 'pending-polls'] as const;

export const command = parsedCommand('emulator', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('emulator', `unexpected argument ${JSON.stringify(positionals[0])}: see hologram emulator --help`);
  const rest = values.rest === true;
  const misplaced = (rest ? CLOUD_ONLY : REST_ONLY).find((name) => values[name] !== undefined);
  if (misplaced !== undefined) {
    throw new UsageError('emulator', rest ? `--${misplaced} is for the cloud emulator, not --rest` : `--${misplaced} goes with --rest (the REST API emulator)`);
  }
  if (rest) {
    return runRESTEmulator({ ...values, port: listenPort(values.port, 0), json: values.json === true }, output);
  }
  // Validates each key (8 characters) and registers it for redaction.
  const deviceKeys = (values.devicekey ?? []).map((key) => Credentials.fromDeviceKey(key).deviceKey);
  const port = listenPort(values.port, 9999);
  const host = values.host ?? '127.0.0.1';
  const json = values.json === true;

  const emulator = new CloudEmulator({ deviceKeys });
  try {
    await emulator.listen(port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    output.err(`hologram emulator: cannot listen on ${host}:${port} (${code}): pick another --port or --host`);
    return 1;
  }
  emulator.received$.subscribe((frame) => output.out(describeFrame(frame, json)));
  output.out(
    json
      ? JSON.stringify({ listening: { host, port: emulator.port } })
      : `Cloud emulator listening on ${host}:${emulator.port} (${deviceKeys.length > 0 ? `${deviceKeys.length} device key(s)` : 'any device key'}); Ctrl-C to stop`,
  );
  await untilStopped().stopped;
  await emulator.close();
  return 0;
});
