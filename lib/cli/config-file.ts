import { readFileSync } from 'node:fs';
import { InvalidArgumentError } from '../errors';

/** What a config file may hold (the Python SDK's credentials file, plus where to send). */
export interface ConfigFile {
  readonly cloudId?: string;
  readonly cloudKey?: string;
  readonly deviceKey?: string;
  readonly host?: string;
  readonly port?: string;
  /** The 1-based line of each field given, to name it in errors found later. */
  readonly lines?: Readonly<Record<string, number | undefined>>;
}

/** A config file that is missing or wrong: names the file and, when known, the line. */
export class ConfigFileError extends InvalidArgumentError {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    reason: string,
  ) {
    super('file', `${file}${line === undefined ? '' : `:${line}`}: ${reason}`);
  }
}

const FIELDS: Record<string, keyof ConfigFile> = {
  cloud_id: 'cloudId',
  cloud_key: 'cloudKey',
  devicekey: 'deviceKey',
  host: 'host',
  port: 'port',
};

/** The 1-based line where `key` first appears in `text`, if it does. */
function lineOf(text: string, key: string): number | undefined {
  const index = text.split('\n').findIndex((line) => new RegExp(`(^|[\\s{,"'])${key}["']?\\s*:`).test(line));
  return index < 0 ? undefined : index + 1;
}

/** Parses HJSON config text; `file` is only used to name it in errors. */
export function parseConfigFile(file: string, text: string): ConfigFile {
  // Loaded here, not at the top, so commands that take no file do not pay for the parser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hjson = require('hjson') as typeof import('hjson');
  let parsed: unknown;
  try {
    parsed = hjson.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /at line (\d+),(\d+)/.exec(message);
    const reason = message.replace(/\s*at line \d+,\d+[\s\S]*$/, '');
    throw new ConfigFileError(
      file,
      position === null ? undefined : Number(position[1]),
      `not valid HJSON: ${reason}${position === null ? '' : ` (column ${position[2]})`}; fix the file, see hologram send --help for its format`,
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigFileError(file, 1, 'must be an object such as { cloud_id: "xxxx", cloud_key: "xxxx" }');
  }
  const config: Record<string, string> = {};
  const lines: Record<string, number | undefined> = {};
  for (const [key, value] of Object.entries(parsed)) {
    const field = FIELDS[key];
    if (field === undefined) {
      throw new ConfigFileError(file, lineOf(text, key), `unknown field ${JSON.stringify(key)}: use ${Object.keys(FIELDS).join(', ')}`);
    }
    if (typeof value !== 'string' && !(key === 'port' && typeof value === 'number')) {
      throw new ConfigFileError(file, lineOf(text, key), `${key} must be ${key === 'port' ? 'a number' : 'a string'}, got ${typeof value}`);
    }
    config[field] = String(value);
    lines[key] = lineOf(text, key);
  }
  if (config.deviceKey !== undefined && (config.cloudId !== undefined || config.cloudKey !== undefined)) {
    const other = config.cloudId !== undefined ? 'cloud_id' : 'cloud_key';
    throw new ConfigFileError(file, lines[other], `has both devicekey and ${other}: keep either devicekey or cloud_id with cloud_key`);
  }
  return { ...config, lines };
}

/** Reads and parses a config file. */
export function readConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ConfigFileError(file, undefined, `cannot read the config file (${code}): check the path given to -f/--file`);
  }
  return parseConfigFile(file, text);
}
