import { formatAddress } from './sms/address';
import { addSMSPart, concatKey, flushSMSParts, initialAssemblerState, type AssembledSMS, type AssemblerState } from './sms/concatenated-sms-assembler';
import type { SMSDeliverPDU } from './sms/sms-pdu';
import type { StoredSMS, StoredSMSStatus } from './stored-sms';

/**
 * The modem's memory as messages, not slots: the parts of a concatenated SMS, stored in any order
 * and in any slots, are put back together with the slots they are in. Pure: the list comes from
 * one `AT+CMGL=4` listing, and nothing is deleted.
 */

/** One message in the modem's memory and the slots holding it. */
export interface StoredSMSMessage {
  /** Storage indexes of its parts, in part order (one slot for a single-part message). */
  readonly indexes: readonly number[];
  /** Slots holding a second copy of a part already counted (the modem stored it twice). */
  readonly duplicateIndexes: readonly number[];
  /** `unread` when any part is unread, else the status of its first part. */
  readonly status: StoredSMSStatus;
  /** The stored slots, in part order. */
  readonly parts: readonly StoredSMS[];
  /**
   * A received message (SMS-DELIVER), reassembled: `complete` false and `missing` part numbers
   * when some parts are not in the memory. Undefined for other slots: an outgoing message, a
   * status report, or a PDU that cannot be decoded (each its own entry, see `parts[0]`).
   */
  readonly message?: AssembledSMS & { readonly from: string };
}

/** Groups a listing into messages, ordered by the lowest storage index of each. */
export function storedSMSMessages(stored: readonly StoredSMS[]): StoredSMSMessage[] {
  const slotOf = new Map<SMSDeliverPDU, StoredSMS>();
  const messages: StoredSMSMessage[] = [];
  /** Slots of second copies, per set of parts (a single-part message has none). */
  const duplicates = new Map<string, number[]>();
  const duplicatesOf = (key: string | undefined): number[] => {
    if (key === undefined) return [];
    const found = duplicates.get(key) ?? [];
    duplicates.set(key, found);
    return found;
  };
  let state: AssemblerState = initialAssemblerState;
  // One instant for the whole listing: nothing expires while grouping, whatever the time stamps.
  const options = { maxAgeMs: Number.MAX_SAFE_INTEGER };
  for (const slot of [...stored].sort((a, b) => a.index - b.index)) {
    const pdu = slot.pdu;
    if (pdu?.type !== 'deliver') {
      messages.push(single(slot));
      continue;
    }
    slotOf.set(pdu, slot);
    const step = addSMSPart(state, pdu, 0, options);
    state = step.state;
    if (step.duplicate) duplicatesOf(concatKey(pdu)).push(slot.index);
    for (const message of step.completed) messages.push(delivered(message, slotOf, duplicatesOf(concatKey(message.parts[0]))));
  }
  for (const message of flushSMSParts(state).expired) messages.push(delivered(message, slotOf, duplicatesOf(concatKey(message.parts[0]))));
  return messages.sort((a, b) => Math.min(...a.indexes) - Math.min(...b.indexes));
}

function single(slot: StoredSMS): StoredSMSMessage {
  return { indexes: [slot.index], duplicateIndexes: [], status: slot.status, parts: [slot] };
}

function delivered(message: AssembledSMS, slotOf: ReadonlyMap<SMSDeliverPDU, StoredSMS>, duplicateIndexes: readonly number[]): StoredSMSMessage {
  const parts = message.parts.map((pdu) => slotOf.get(pdu)!);
  const status = parts.some((part) => part.status === 'unread') ? 'unread' : parts[0].status;
  return {
    indexes: parts.map((part) => part.index),
    duplicateIndexes,
    status,
    parts,
    message: { ...message, from: formatAddress(message.sender) },
  };
}
