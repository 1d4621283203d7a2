import type { SendResult } from './send-result';

/**
 * What a result code means for the message: delivered (remove it from any outbox), permanent (the
 * message or credentials are wrong, retrying cannot help) or transient (retry later).
 */
export type ResultCodeKind = 'delivered' | 'permanent' | 'transient';

export interface ResultCode {
  readonly code: number;
  readonly name: string;
  readonly description: string;
  readonly kind: ResultCodeKind;
}

/** Code -1: no reply, or a reply that could not be understood. */
export const ERR_UNKNOWN = -1;

/**
 * The cloud's result codes (`PROTOCOL.md` §1). Descriptions follow the Python SDK's wording, with a
 * hint of what to do where the fix is on the device's side.
 */
export const RESULT_CODES: readonly ResultCode[] = [
  { code: 0, name: 'ERR_OK', description: 'Message sent successfully', kind: 'delivered' },
  {
    code: 1,
    name: 'ERR_CONNCLOSED',
    description: "Connection was closed so we couldn't read the whole message (it may still have been delivered)",
    kind: 'delivered',
  },
  { code: 2, name: 'ERR_MSGINVALID', description: 'Failed to parse the message', kind: 'permanent' },
  {
    code: 3,
    name: 'ERR_AUTHINVALID',
    description: 'Auth section of the message was invalid: check the device key (cloud id and cloud key) on the dashboard',
    kind: 'permanent',
  },
  { code: 4, name: 'ERR_PAYLOADINVALID', description: 'Payload type was invalid', kind: 'permanent' },
  { code: 5, name: 'ERR_PROTINVALID', description: 'Protocol type was invalid', kind: 'permanent' },
  {
    code: 6,
    name: 'ERR_INTERNAL',
    description: 'An internal error occurred in the Hologram cloud: try again later',
    kind: 'transient',
  },
  { code: 7, name: 'ERR_METADATA', description: 'Metadata was formatted incorrectly', kind: 'permanent' },
  {
    code: 8,
    name: 'ERR_TOPICINVALID',
    description: 'Topic was formatted incorrectly: use letters, digits, -, _ and / (under 32 characters)',
    kind: 'permanent',
  },
  {
    code: ERR_UNKNOWN,
    name: 'ERR_UNKNOWN',
    description: 'Unknown error: no reply or an unreadable reply from the server, try again later',
    kind: 'transient',
  },
];

const BY_CODE = new Map(RESULT_CODES.map((entry) => [entry.code, entry]));

/** The table entry for `code`; unknown codes read as `ERR_UNKNOWN`. */
export function resultCode(code: number): ResultCode {
  return BY_CODE.get(code) ?? (BY_CODE.get(ERR_UNKNOWN) as ResultCode);
}

/** The `SendResult` for a code the cloud answered (or -1), optionally with the reply text. */
export function resultForCode(code: number, reply?: string): SendResult {
  const entry = resultCode(code);
  const ok = entry.kind === 'delivered';
  const retryable = entry.kind === 'transient';
  // Two literals rather than a spread: this runs for every reply of every message.
  if (reply === undefined) return { code: entry.code, name: entry.name, description: entry.description, ok, retryable };
  return { code: entry.code, name: entry.name, description: entry.description, ok, retryable, reply };
}
