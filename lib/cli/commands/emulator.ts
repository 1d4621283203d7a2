import { decodeMetadata, type FrameMetadata } from '../../cloud/cloud-frame';
import { Credentials } from '../../cloud/credentials';
import { resultCode } from '../../cloud/result-codes';
import { parsePort } from '../../hologram';
import { CloudEmulator, type ReceivedFrame } from '../../testing/cloud-emulator';
import { parsedCommand } from '../parsed-command';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const USAGE = `Usage: hologram emulator [--host 127.0.0.1] [--port 9999] [--devicekey KEY ...] [--json]

Runs a local Hologram cloud emulator in the foreground and prints each frame it receives, every
field including the metadata (device keys shown as ********). Stop it with Ctrl-C.

  --host HOST              address to listen on (default 127.0.0.1)
  -p, --port PORT          port to listen on (default 9999; 0 picks a free one)
  --devicekey KEY          accept only this device key (repeat for several; default: any 8 characters)
  --json                   one JSON object per line
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
  help: { type: 'boolean', short: 'h' },
} as const;

export const command = parsedCommand('emulator', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('emulator', `unexpected argument ${JSON.stringify(positionals[0])}: see hologram emulator --help`);
  // Validates each key (8 characters) and registers it for redaction.
  const deviceKeys = (values.devicekey ?? []).map((key) => Credentials.fromDeviceKey(key).deviceKey);
  const port = values.port === undefined ? 9999 : values.port === '0' ? 0 : parsePort(values.port, '--port');
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
