import { checkLongDuration } from '../../validation/duration';
import { SMSAddress } from './address';
import { SMSDeliverPDU } from './sms-pdu';
import { SMSTimestamp } from './timestamp';

/**
 * Reassembly of concatenated SMS as a pure state reducer: parts go in with the current time, whole
 * messages come out. Parts are grouped by sender, reference (8- or 16-bit) and part count; they
 * may arrive in any order and more than once. A set still incomplete `maxAgeMs` after its first
 * part is given up and returned as an incomplete message, so no received text is lost. Time is
 * an argument: the caller's scheduler decides what "now" is.
 */

/** A whole message, or what arrived of one that expired incomplete. */
export interface AssembledSMS {
  readonly sender: SMSAddress;
  /** Text of the received parts in order (empty for 8-bit parts). */
  readonly text: string;
  /** Payload of the received 8-bit parts in order, when there are any. */
  readonly data?: Buffer;
  /** Time stamp of the earliest part received. */
  readonly timestamp: SMSTimestamp;
  /** The received PDUs in part order. */
  readonly parts: readonly SMSDeliverPDU[];
  readonly complete: boolean;
  /** Part numbers (1-based) that never arrived; empty when complete. */
  readonly missing: readonly number[];
  /** The concatenation this message used; undefined for a single-PDU message. */
  readonly concat?: { readonly reference: number; readonly referenceBits: 8 | 16; readonly total: number };
}

export interface AssemblerOptions {
  /** How long an incomplete set waits for its missing parts, from its first part, in ms. */
  readonly maxAgeMs: number;
}

interface PendingSet {
  readonly firstSeenAt: number;
  /** Parts by sequence number; the first copy of a duplicate wins. */
  readonly parts: ReadonlyMap<number, SMSDeliverPDU>;
}

export interface AssemblerState {
  readonly pending: ReadonlyMap<string, PendingSet>;
  /**
   * Sets completed within the last `maxAgeMs`, so a late duplicate of one of their parts is
   * dropped instead of opening a set that would expire as a bogus incomplete message.
   */
  readonly completedAt: ReadonlyMap<string, number>;
}

export interface AssemblerStep {
  readonly state: AssemblerState;
  /** Messages completed by this step (at most one for `addSMSPart`). */
  readonly completed: readonly AssembledSMS[];
  /** Incomplete messages given up in this step. */
  readonly expired: readonly AssembledSMS[];
  /** True when the part was a copy of one already held or already assembled. */
  readonly duplicate: boolean;
}

export const initialAssemblerState: AssemblerState = { pending: new Map(), completedAt: new Map() };

/** The grouping key of a part; undefined for a message that is not concatenated. */
export function concatKey(pdu: SMSDeliverPDU): string | undefined {
  const concat = pdu.concat;
  if (!concat || concat.total < 2) return undefined;
  const sender = pdu.sender.type === 'alphanumeric' ? `a:${pdu.sender.text}` : `n:${pdu.sender.number}`;
  return `${sender}|${concat.referenceBits}:${concat.reference}|${concat.total}`;
}

/** Adds one received part at time `now` (ms); expires old sets first. */
export function addSMSPart(state: AssemblerState, pdu: SMSDeliverPDU, now: number, options: AssemblerOptions): AssemblerStep {
  checkOptions(options);
  const expiry = expireSMSParts(state, now, options);
  const key = concatKey(pdu);
  if (key === undefined) {
    return { ...expiry, completed: [assemble([pdu], true)] };
  }
  const current = expiry.state;
  if (current.completedAt.has(key)) return { ...expiry, duplicate: true };
  const set = current.pending.get(key) ?? { firstSeenAt: now, parts: new Map<number, SMSDeliverPDU>() };
  const sequence = pdu.concat!.sequence;
  if (set.parts.has(sequence)) return { ...expiry, duplicate: true };
  const parts = new Map(set.parts).set(sequence, pdu);
  const pending = new Map(current.pending);
  if (parts.size < pdu.concat!.total) {
    pending.set(key, { firstSeenAt: set.firstSeenAt, parts });
    return { ...expiry, state: { ...current, pending } };
  }
  pending.delete(key);
  const completedAt = new Map(current.completedAt).set(key, now);
  return {
    ...expiry,
    state: { pending, completedAt },
    completed: [assemble(inOrder(parts), true)],
  };
}

/** Gives up the sets whose first part is `maxAgeMs` or more older than `now`. */
export function expireSMSParts(state: AssemblerState, now: number, options: AssemblerOptions): AssemblerStep {
  checkOptions(options);
  const expired: AssembledSMS[] = [];
  let pending = state.pending;
  for (const [key, set] of state.pending) {
    if (now - set.firstSeenAt < options.maxAgeMs) continue;
    if (pending === state.pending) pending = new Map(state.pending);
    (pending as Map<string, PendingSet>).delete(key);
    expired.push(assemble(inOrder(set.parts), false));
  }
  let completedAt = state.completedAt;
  for (const [key, at] of state.completedAt) {
    if (now - at < options.maxAgeMs) continue;
    if (completedAt === state.completedAt) completedAt = new Map(state.completedAt);
    (completedAt as Map<string, number>).delete(key);
  }
  const changed = pending !== state.pending || completedAt !== state.completedAt;
  return { state: changed ? { pending, completedAt } : state, completed: [], expired, duplicate: false };
}

/** Every pending set as an incomplete message (for shutdown), and an empty state. */
export function flushSMSParts(state: AssemblerState): AssemblerStep {
  const expired = [...state.pending.values()].map((set) => assemble(inOrder(set.parts), false));
  return { state: initialAssemblerState, completed: [], expired, duplicate: false };
}

/** Earliest time at which a pending set will expire, or undefined when nothing is pending. */
export function nextExpiry(state: AssemblerState, options: AssemblerOptions): number | undefined {
  let earliest: number | undefined;
  for (const set of state.pending.values()) {
    const at = set.firstSeenAt + options.maxAgeMs;
    if (earliest === undefined || at < earliest) earliest = at;
  }
  return earliest;
}

function inOrder(parts: ReadonlyMap<number, SMSDeliverPDU>): SMSDeliverPDU[] {
  return [...parts.entries()].sort(([a], [b]) => a - b).map(([, pdu]) => pdu);
}

function assemble(parts: SMSDeliverPDU[], complete: boolean): AssembledSMS {
  const first = parts[0];
  const concat = first.concat && first.concat.total > 1 ? first.concat : undefined;
  const received = new Set(parts.map((part) => part.concat?.sequence));
  const missing: number[] = [];
  if (concat) for (let sequence = 1; sequence <= concat.total; sequence++) if (!received.has(sequence)) missing.push(sequence);
  const payloads = parts.filter((part) => part.data).map((part) => part.data!);
  const timestamp = parts.reduce(
    (earliest, part) => (part.timestamp.date.getTime() < earliest.date.getTime() ? part.timestamp : earliest),
    first.timestamp,
  );
  return {
    sender: first.sender,
    text: parts.map((part) => part.text ?? '').join(''),
    ...(payloads.length > 0 && { data: Buffer.concat(payloads) }),
    timestamp,
    parts,
    complete,
    missing,
    ...(concat && { concat: { reference: concat.reference, referenceBits: concat.referenceBits, total: concat.total } }),
  };
}

function checkOptions(options: AssemblerOptions): void {
  checkLongDuration('maxAgeMs', options.maxAgeMs);
}
