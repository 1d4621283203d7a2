import { Credentials, InvalidCredentialsError } from '../cloud/credentials';
import { InvalidArgumentError } from '../errors';
import { checkBoundedDuration } from '../validation/duration';
import { parsePort } from '../validation/port';
import { ConfigFileError, readConfigFile, type ConfigFile } from './config-file';
import { parsePositive } from './parse-positive';
import { UsageError } from './usage-error';

/** Options every command that talks to the cloud shares (snake_case as in the Python SDK, kebab-case too). */
export const CLOUD_OPTIONS = {
  devicekey: { type: 'string' },
  cloud_id: { type: 'string' },
  'cloud-id': { type: 'string' },
  cloud_key: { type: 'string' },
  'cloud-key': { type: 'string' },
  file: { type: 'string', short: 'f' },
  authtype: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const CLOUD_OPTIONS_USAGE = `Credentials (flags override the config file):
  --devicekey KEY          the 8-character device key (cloud id + cloud key)
  --cloud_id ID            the 4-character cloud id (also --cloud-id)
  --cloud_key KEY          the 4-character cloud key (also --cloud-key)
  -f, --file CONFIG        HJSON file with cloud_id and cloud_key (or devicekey), optionally host and port:
                             { cloud_id: "xxxx", cloud_key: "xxxx" }
  --authtype csrpsk        how messages authenticate: csrpsk, the device key (the only one here; totp and
                           sim-otp need Hologram's closed authentication library)
Destination:
  --host HOST              server to send to (default cloudsocket.hologram.io for hologram_cloud)
  -p, --port PORT          its port (default 9999 for hologram_cloud)
  --timeout SECONDS        connect and reply timeout (default 5)
Output:
  --json                   one JSON object per line
  -h, --help               show this help`;

interface CloudArgumentValues {
  readonly devicekey?: string;
  readonly cloud_id?: string;
  readonly 'cloud-id'?: string;
  readonly cloud_key?: string;
  readonly 'cloud-key'?: string;
  readonly file?: string;
  readonly authtype?: string;
  readonly host?: string;
  readonly port?: string;
  readonly timeout?: string;
}

export interface CloudArguments {
  /** Undefined when neither flags nor file give any credential. */
  readonly credentials?: Credentials;
  readonly host?: string;
  readonly port?: number;
  readonly timeoutMs?: number;
}

/** Merges flags over the config file and validates everything, before any connection is made. */
export function resolveCloudArguments(command: string, values: CloudArgumentValues): CloudArguments {
  checkAuthType(command, values.authtype);
  const file: ConfigFile = values.file === undefined ? {} : readConfigFile(values.file);
  const credentials = flagCredentials(command, values) ?? (values.file === undefined ? undefined : fileCredentials(values.file, file));
  return {
    credentials,
    host: resolveHost(command, values.host ?? file.host),
    port: resolvePort(values.port ?? file.port),
    timeoutMs: resolveTimeout(command, values.timeout),
  };
}

/**
 * The credentials the flags give: `--devicekey`, or `--cloud_id` with `--cloud_key` (either
 * spelling); undefined when none is given. Mixing the two ways, or half a pair, is a usage error.
 */
function flagCredentials(command: string, values: CloudArgumentValues): Credentials | undefined {
  const deviceKey = values.devicekey;
  const cloudId = values.cloud_id ?? values['cloud-id'];
  const cloudKey = values.cloud_key ?? values['cloud-key'];
  if (deviceKey !== undefined && (cloudId !== undefined || cloudKey !== undefined)) {
    throw new UsageError(command, 'give either --devicekey or --cloud_id with --cloud_key, not both');
  }
  if ((cloudId === undefined) !== (cloudKey === undefined)) {
    throw new UsageError(command, `--cloud_id and --cloud_key go together: also give --${cloudId === undefined ? 'cloud_id' : 'cloud_key'}`);
  }
  if (deviceKey !== undefined) return Credentials.fromDeviceKey(deviceKey);
  if (cloudId !== undefined && cloudKey !== undefined) return new Credentials(cloudId, cloudKey);
  return undefined;
}

/** `--host` (or the file's host): a name or address, never blank. */
function resolveHost(command: string, host: string | undefined): string | undefined {
  if (host !== undefined && host.trim() === '') throw new UsageError(command, '--host is empty: give a host name or address');
  return host;
}

/** `--port` (or the file's port), by the one port rule. */
function resolvePort(portText: string | undefined): number | undefined {
  return portText === undefined ? undefined : parsePort(portText, '--port');
}

/** `--timeout` in seconds, as the milliseconds one timer can wait. */
function resolveTimeout(command: string, timeout: string | undefined): number | undefined {
  const seconds = parsePositive(command, 'timeout', timeout);
  return seconds === undefined ? undefined : checkBoundedDuration('--timeout', seconds, { unit: 's', positive: true }) * 1000;
}

/** `--authtype`, as the Python CLI's: `csrpsk` (the device key) works; `totp` and `sim-otp` cannot here. */
function checkAuthType(command: string, authType: string | undefined): void {
  if (authType === undefined || authType === 'csrpsk') return;
  if (authType === 'totp' || authType === 'sim-otp') {
    throw new InvalidArgumentError(
      'authtype',
      `--authtype ${authType} is not available: it needs Hologram's closed authentication library (the key is kept ` +
        'on a Hologram Nova modem and only that library can use it); use --authtype csrpsk (the default) with --devicekey, ' +
        'or --cloud_id and --cloud_key, or -f CONFIG',
    );
  }
  throw new UsageError(command, `--authtype ${JSON.stringify(authType)} is not known: use csrpsk (the default), totp or sim-otp`);
}

/** The credentials in config file `path`; a key of the wrong length is an error naming the file. */
function fileCredentials(path: string, file: ConfigFile): Credentials | undefined {
  try {
    if (file.deviceKey !== undefined) return Credentials.fromDeviceKey(file.deviceKey);
    if (file.cloudId === undefined && file.cloudKey === undefined) return undefined;
    if (file.cloudId === undefined || file.cloudKey === undefined) {
      throw new InvalidArgumentError('file', `has ${file.cloudId === undefined ? 'cloud_key without cloud_id' : 'cloud_id without cloud_key'}: give both`);
    }
    return new Credentials(file.cloudId, file.cloudKey);
  } catch (error) {
    if (!(error instanceof InvalidArgumentError)) throw error;
    const field = error instanceof InvalidCredentialsError ? FILE_FIELD[error.field] : undefined;
    throw new ConfigFileError(path, field === undefined ? undefined : file.lines?.[field], error.message.replace(/^(deviceKey|cloudId|cloudKey)\b/, (name) => FILE_FIELD[name as keyof typeof FILE_FIELD]));
  }
}

/** The config file's name for each credentials field. */
const FILE_FIELD = { deviceKey: 'devicekey', cloudId: 'cloud_id', cloudKey: 'cloud_key' } as const;
