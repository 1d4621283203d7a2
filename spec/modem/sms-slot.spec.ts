import { nextSMSSlot, type SMSSlot, type SMSSlotAction, type SMSSlotEvent } from '../../lib/modem/sms-slot';
import type { SMSPDU } from '../../lib/modem/sms/sms-pdu';

const deliver = { type: 'deliver' } as SMSPDU;
const submit = { type: 'submit' } as SMSPDU;
const A = 'AAAA';
const B = 'BBBB';

const held = (pduHex = A): SMSSlot => ({ kind: 'held', pduHex, pdu: deliver });
const deleting = (pduHex = A): SMSSlot => ({ kind: 'deleting', pduHex });
const emitted = (pduHex = A): SMSSlot => ({ kind: 'emitted', pduHex });
const undecodable = (pduHex = A): SMSSlot => ({ kind: 'undecodable', pduHex });

const read = (pduHex: string, pdu: SMSPDU | 'bad' = deliver): SMSSlotEvent => ({ type: 'read', pduHex, pdu: pdu === 'bad' ? undefined : pdu });

describe('nextSMSSlot', () => {
  it.each<[string, SMSSlot | undefined, SMSSlotEvent, SMSSlot | undefined, SMSSlotAction]>([
    ['an empty slot read: held, received', undefined, read(A), held(A), 'receive'],
    ['read in lower case: the same PDU', undefined, read('aaaa'), held(A), 'receive'],
    ['an undecodable PDU: kept, not received', undefined, read(A, 'bad'), undecodable(A), 'none'],
    ['an outgoing (submit) PDU: ignored', undefined, read(A, submit), undefined, 'none'],
    ['a held slot read again: not received twice', held(A), read(A), held(A), 'none'],
    ['held, then emitted: deleting', held(A), { type: 'emitted' }, deleting(A), 'delete'],
    ['deleting, deleted: the slot is free', deleting(A), { type: 'deleted', pduHex: A }, undefined, 'none'],
    ['deleting, the deletion failed: emitted', deleting(A), { type: 'delete-failed' }, emitted(A), 'none'],
    ['emitted and read again: deleted, never received again', emitted(A), read(A), deleting(A), 'delete'],
    ['deleting and read again: nothing (the deletion runs)', deleting(A), read(A), deleting(A), 'none'],
    ['emitted, a new message in the same slot: held', emitted(A), read(B), held(B), 'receive'],
    ['deleting, a new message in the slot: held; the old deletion does not free it', deleting(A), read(B), held(B), 'receive'],
    ['a late deletion of the old message leaves the new one', held(B), { type: 'deleted', pduHex: A }, held(B), 'none'],
    ['undecodable read again: nothing (logged once)', undecodable(A), read(A, 'bad'), undecodable(A), 'none'],
    ['undecodable, a new decodable message: held', undecodable(A), read(B), held(B), 'receive'],
    ['let go while held: free, read again next time', held(A), { type: 'let-go' }, undefined, 'none'],
    ['let go keeps a deletion', deleting(A), { type: 'let-go' }, deleting(A), 'none'],
    ['let go keeps what was emitted', emitted(A), { type: 'let-go' }, emitted(A), 'none'],
    ['emitted on a slot not held: nothing', emitted(A), { type: 'emitted' }, emitted(A), 'none'],
  ])('%s', (_name, slot, event, expected, action) => {
    expect(nextSMSSlot(slot, event)).toEqual({ slot: expected, action });
  });
});
