import type { SMSPDU } from './sms/sms-pdu';

/**
 * What the SMS service knows of one storage slot of the modem (absent: nothing, read it as new):
 * - `held`: read, decoded, in the receive pipeline and not emitted yet (a part waiting for the rest).
 * - `deleting`: its message was emitted; `AT+CMGD` is under way.
 * - `emitted`: its message was emitted and the deletion failed: the next listing deletes it
 *   instead of emitting it again.
 * - `undecodable`: its PDU cannot be decoded: logged once, left in the modem.
 * `pduHex` tells the slot's message from a new one stored at the same index later.
 */
export type SMSSlot =
  | { readonly kind: 'held'; readonly pduHex: string; readonly pdu: SMSPDU }
  | { readonly kind: 'deleting'; readonly pduHex: string }
  | { readonly kind: 'emitted'; readonly pduHex: string }
  | { readonly kind: 'undecodable'; readonly pduHex: string };

/** What happens to a slot. */
export type SMSSlotEvent =
  /** A listing or a `+CMTI` read found this PDU there (`pdu` undefined: it does not decode). */
  | { readonly type: 'read'; readonly pduHex: string; readonly pdu: SMSPDU | undefined }
  /** The message the held PDU belongs to was emitted. */
  | { readonly type: 'emitted' }
  /** `AT+CMGD` of `pduHex` succeeded. */
  | { readonly type: 'deleted'; readonly pduHex: string }
  | { readonly type: 'delete-failed' }
  /** The receive pipeline stopped: what it held is read again by the next one. */
  | { readonly type: 'let-go' };

/** What the service does after a transition: feed the PDU to the pipeline, delete the slot, or nothing. */
export type SMSSlotAction = 'receive' | 'delete' | 'none';

/**
 * One slot transition (pure). A message is emitted at most once: from `emitted`/`deleting` a read
 * of the same PDU never receives it again; it is deleted only after it was emitted.
 */
export function nextSMSSlot(slot: SMSSlot | undefined, event: SMSSlotEvent): { readonly slot: SMSSlot | undefined; readonly action: SMSSlotAction } {
  switch (event.type) {
    case 'read': {
      const pduHex = event.pduHex.toUpperCase();
      if (slot?.pduHex === pduHex) {
        if (slot.kind === 'emitted') return { slot: { kind: 'deleting', pduHex }, action: 'delete' };
        return { slot, action: 'none' }; // held, deleting or undecodable: already dealt with
      }
      // Empty, or a new message in a slot we knew with another one.
      if (!event.pdu) return { slot: { kind: 'undecodable', pduHex }, action: 'none' };
      if (event.pdu.type === 'submit') return { slot: undefined, action: 'none' }; // an outgoing message someone stored
      return { slot: { kind: 'held', pduHex, pdu: event.pdu }, action: 'receive' };
    }
    case 'emitted':
      return slot?.kind === 'held' ? { slot: { kind: 'deleting', pduHex: slot.pduHex }, action: 'delete' } : { slot, action: 'none' };
    case 'deleted':
      return slot?.kind === 'deleting' && slot.pduHex === event.pduHex.toUpperCase() ? { slot: undefined, action: 'none' } : { slot, action: 'none' };
    case 'delete-failed':
      return slot?.kind === 'deleting' ? { slot: { kind: 'emitted', pduHex: slot.pduHex }, action: 'none' } : { slot, action: 'none' };
    case 'let-go':
      return slot?.kind === 'held' ? { slot: undefined, action: 'none' } : { slot, action: 'none' };
  }
}
