import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/**
 * The cloud socket's frames (`PROTOCOL.md` §1), pure: encoding for the device, decoding for a
 * server (the emulator) and for mirror tests.
 */

/** Ends every frame. JSON escapes `\r` inside strings, so a message frame cannot end early. */
export const FRAME_TERMINATOR = '\r\r';

/** Longest SMS body, in characters. */
export const SMS_MAX_LENGTH = 160;

/** Which spelling of the keys a message frame uses; the two may not be mixed. */
export type FrameKeyStyle = 'short' | 'long';

const KEYS = {
  short: { deviceKey: 'k', data: 'd', topics: 't', metadata: 'm' },
  long: { deviceKey: 'devicekey', data: 'data', topics: 'tags', metadata: 'metadata' },
} as const;

export interface MessageFrame {
  readonly kind: 'message';
  readonly deviceKey: string;
  readonly data: string;
  readonly topics: readonly string[];
  /** Metadata (`m`), e.g. `\u0001agnostic-0.1.0` (see `encodeMetadata`); optional on the wire. */
  readonly metadata?: string;
}

/** First character of every metadata value: the version of its format (the Python SDK's `metadata_version`). */
export const METADATA_VERSION = '\u0001';

/** What a frame's metadata says: who sent it (`PROTOCOL.md` §1). */
export interface FrameMetadata {
  /** The lower-cased modem type (`nova_u201`, `bg96`...), or `agnostic` when no modem sends. */
  readonly modemType: string;
  /** The modem's id (its model): sent only after the type `nova`, as `nova-<id>`. */
  readonly modemId?: string;
  /** The version of the SDK that sent the frame. */
  readonly sdkVersion: string;
}

/** Type `agnostic`: the frame went out over the host's network, not a modem. */
export const AGNOSTIC_MODEM_TYPE = 'agnostic';

/**
 * The metadata value: version byte, modem type (plus `-<id>` for a `nova`), `-`, SDK version, as
 * the Python SDK builds it (`build_modem_type_id_str`). The type is lower-cased there too.
 */
export function encodeMetadata(metadata: FrameMetadata): string {
  const type = metadata.modemType.toLowerCase();
  const typeAndId = type === 'nova' && metadata.modemId !== undefined ? `${type}-${metadata.modemId}` : type;
  return `${METADATA_VERSION}${typeAndId}-${metadata.sdkVersion}`;
}

/**
 * Version byte, a type without `-`, an optional id (which may hold `-`, as `SARA-U201` does),
 * then the SDK version, which starts with a digit (and may hold `-`, as `1.0.0-rc.1` does).
 */
const METADATA = /^\u0001([^-]+)(?:-(.+?))?-(\d[0-9A-Za-z.+-]*)$/;

/** The fields of a metadata value, or undefined when it is not in the version-1 format. */
export function decodeMetadata(value: string): FrameMetadata | undefined {
  const match = METADATA.exec(value);
  if (match === null) return undefined;
  const [, modemType, modemId, sdkVersion] = match as unknown as [string, string, string | undefined, string];
  return { modemType, ...(modemId === undefined ? {} : { modemId }), sdkVersion };
}

export interface SMSFrame {
  readonly kind: 'sms';
  readonly deviceKey: string;
  readonly destination: string;
  readonly body: string;
}

export type CloudFrame = MessageFrame | SMSFrame;

/**
 * `{"k":..,"m":..,"t":[..],"d":..}\r\r`, keys in the Python SDK's order; `m` and `t` are left out
 * when there is no metadata or no topic.
 */
export function encodeMessageFrame(frame: Omit<MessageFrame, 'kind'>, keyStyle: FrameKeyStyle = 'short'): string {
  const keys = KEYS[keyStyle];
  const object: Record<string, unknown> = { [keys.deviceKey]: frame.deviceKey };
  if (frame.metadata !== undefined) object[keys.metadata] = frame.metadata;
  if (frame.topics.length > 0) object[keys.topics] = frame.topics;
  object[keys.data] = frame.data;
  return JSON.stringify(object) + FRAME_TERMINATOR;
}

/** Throws unless `destination` is `+` and digits (E.164): a `\r` in it would end the frame early. */
export function checkSmsDestination(destination: unknown): string {
  if (typeof destination !== 'string') {
    throw new InvalidArgumentError('destination', `SMS destination must be a string, got ${typeof destination}`);
  }
  if (!/^\+[0-9]{1,15}$/.test(destination)) {
    throw new InvalidArgumentError(
      'destination',
      `SMS destination ${describeValue(destination)} is not a phone number: use + and the country code, e.g. +15555550100`,
    );
  }
  return destination;
}

/** Throws unless `body` is 1 to 160 characters without `\r` (which would end the frame early). */
export function checkSmsBody(body: unknown): string {
  if (typeof body !== 'string') {
    throw new InvalidArgumentError('message', `SMS message must be a string, got ${typeof body}`);
  }
  if (body.length === 0) throw new InvalidArgumentError('message', 'SMS message is empty: give the text to send');
  const length = [...body].length;
  if (length > SMS_MAX_LENGTH) {
    throw new InvalidArgumentError(
      'message',
      `SMS message is ${length} characters, more than ${SMS_MAX_LENGTH}: shorten it or split it into several SMS`,
    );
  }
  if (body.includes('\r')) {
    throw new InvalidArgumentError('message', 'SMS message contains a carriage return (\\r), which the cloud cannot carry: remove it');
  }
  return body;
}

/** `S` + device key + destination + ` ` + body + `\r\r`, after checking destination and body. */
export function encodeSMSFrame(frame: Omit<SMSFrame, 'kind'>): string {
  return `S${frame.deviceKey}${checkSmsDestination(frame.destination)} ${checkSmsBody(frame.body)}${FRAME_TERMINATOR}`;
}

/** A frame a server accepted, or the result code it must answer and why. */
export type FrameDecoding =
  | { readonly ok: true; readonly frame: CloudFrame }
  | { readonly ok: false; readonly code: number; readonly reason: string };

type Rejection = Extract<FrameDecoding, { readonly ok: false }>;

/** One step of decoding a message frame: its value, or the result code the frame gets. */
type Step<T> = { readonly ok: true; readonly value: T } | Rejection;

const reject = (code: number, reason: string): Rejection => ({ ok: false, code, reason });

/** Topic rule of the emulator: the documented characters plus space (the docs' own example has one). */
const TOPIC = /^[A-Za-z0-9 _\-/]{1,31}$/;

/**
 * Decodes one frame as the cloud would (with or without its terminator). `acceptsKey` decides
 * whether a device key authenticates. Codes: 2 unparsable or mixed keys, 3 bad key, 4 bad payload,
 * 5 neither JSON nor SMS, 7 bad metadata, 8 bad topic.
 */
export function decodeFrame(text: string, acceptsKey: (deviceKey: string) => boolean): FrameDecoding {
  const body = text.endsWith(FRAME_TERMINATOR) ? text.slice(0, -FRAME_TERMINATOR.length) : text;
  if (body.startsWith('{')) return decodeMessageFrame(body, acceptsKey);
  if (body.startsWith('S')) return decodeSMSFrame(body, acceptsKey);
  return reject(5, 'neither a JSON message frame nor an SMS frame');
}

function decodeMessageFrame(body: string, acceptsKey: (deviceKey: string) => boolean): FrameDecoding {
  const object = parseObject(body);
  if (!object.ok) return object;
  const keys = keyStyleOf(Object.keys(object.value));
  if (!keys.ok) return keys;
  return readMessageFields(object.value, KEYS[keys.value], acceptsKey);
}

function parseObject(body: string): Step<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return reject(2, 'not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return reject(2, 'not a JSON object');
  return { ok: true, value: parsed as Record<string, unknown> };
}

/** A frame uses the short keys or the long ones, never both, and no other. */
function keyStyleOf(names: readonly string[]): Step<keyof typeof KEYS> {
  const shortNames: readonly string[] = Object.values(KEYS.short);
  const longNames: readonly string[] = Object.values(KEYS.long);
  const unknown = names.filter((name) => !shortNames.includes(name) && !longNames.includes(name));
  if (unknown.length > 0) return reject(2, `unknown keys ${unknown.join(', ')}`);
  const usesShort = names.some((name) => shortNames.includes(name));
  const usesLong = names.some((name) => longNames.includes(name));
  if (usesShort && usesLong) return reject(2, 'short and long keys mixed');
  return { ok: true, value: usesLong ? 'long' : 'short' };
}

function readMessageFields(
  object: Record<string, unknown>,
  keys: (typeof KEYS)[keyof typeof KEYS],
  acceptsKey: (deviceKey: string) => boolean,
): FrameDecoding {
  const deviceKey = object[keys.deviceKey];
  if (typeof deviceKey !== 'string' || !acceptsKey(deviceKey)) return reject(3, 'device key missing or not accepted');
  const data = object[keys.data];
  if (typeof data !== 'string') return reject(4, 'data missing or not a string');
  const metadata = object[keys.metadata];
  if (!isMetadata(metadata)) return reject(7, 'metadata is not a version byte 1, a modem type and an SDK version');
  const topics = topicsOf(object[keys.topics]);
  if (!topics.ok) return topics;
  return {
    ok: true,
    frame: { kind: 'message', deviceKey, data, topics: topics.value, ...(metadata === undefined ? {} : { metadata }) },
  };
}

/** Metadata is optional; when present, what `encodeMetadata` makes. */
function isMetadata(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && decodeMetadata(value) !== undefined);
}

/** No topics, one topic as a string, or an array of topics, each valid. */
function topicsOf(raw: unknown): Step<string[]> {
  const topics = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(topics)) return reject(8, 'topics are neither a string nor an array');
  const bad = topics.findIndex((topic) => !isTopic(topic));
  if (bad >= 0) return reject(8, `topic ${JSON.stringify(topics[bad])} is not valid`);
  return { ok: true, value: topics as string[] };
}

function isTopic(topic: unknown): topic is string {
  return typeof topic === 'string' && TOPIC.test(topic) && !topic.startsWith('_');
}

function decodeSMSFrame(body: string, acceptsKey: (deviceKey: string) => boolean): FrameDecoding {
  const deviceKey = body.slice(1, 9);
  if (deviceKey.length !== 8 || !acceptsKey(deviceKey)) return reject(3, 'device key missing or not accepted');
  const rest = body.slice(9);
  const space = rest.indexOf(' ');
  if (space < 0) return reject(2, 'SMS frame without a space between destination and body');
  const destination = rest.slice(0, space);
  const text = rest.slice(space + 1);
  if (!/^\+[0-9]{1,15}$/.test(destination)) return reject(2, 'SMS destination is not + and digits');
  if (text.length === 0 || [...text].length > SMS_MAX_LENGTH || text.includes('\r')) {
    return reject(4, 'SMS body empty, longer than 160 characters or containing \\r');
  }
  return { ok: true, frame: { kind: 'sms', deviceKey, destination, body: text } };
}
