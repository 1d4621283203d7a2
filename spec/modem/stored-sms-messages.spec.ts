import { encodeDeliver } from '../../lib/modem/sms/encode-deliver';
import { encodeSubmit } from '../../lib/modem/sms/encode-submit';
import { storedSMS, type StoredSMS } from '../../lib/modem/stored-sms';
import { storedSMSMessages } from '../../lib/modem/stored-sms-messages';

const AT = new Date('2026-05-06T07:08:09Z');

/** A received part in slot `index` (stat 0 = unread, 1 = read). */
function part(index: number, text: string, concat?: { reference: number; total: number; sequence: number }, stat = 0, sender = '+15555550123'): StoredSMS {
  return storedSMS(index, stat, encodeDeliver({ sender, text, timestamp: AT, ...(concat && { concat }) }).pdu);
}

describe('storedSMSMessages', () => {
  it('is empty for an empty memory', () => {
    expect(storedSMSMessages([])).toEqual([]);
  });

  it('puts a two-part message stored second part first back together, with its slots in part order', () => {
    const [message] = storedSMSMessages([part(1, ' world', { reference: 9, total: 2, sequence: 2 }), part(2, 'hello', { reference: 9, total: 2, sequence: 1 }, 1)]);
    expect(message).toMatchObject({ indexes: [2, 1], duplicateIndexes: [], status: 'unread', message: { text: 'hello world', from: '+15555550123', complete: true, missing: [] } });
    expect(message.parts.map((p) => p.index)).toEqual([2, 1]);
  });

  it('marks a message with parts missing, and keeps single messages, other slots and bad PDUs as entries of their own', () => {
    const submit = storedSMS(4, 2, encodeSubmit('+15555550100', 'draft')[0].pdu);
    const bad = storedSMS(6, 1, '00ZZ');
    const messages = storedSMSMessages([
      part(7, 'third', { reference: 3, total: 3, sequence: 3 }, 1),
      bad,
      part(5, 'single', undefined, 1),
      submit,
      part(2, 'first', { reference: 3, total: 3, sequence: 1 }, 1),
    ]);
    expect(messages.map((m) => [m.indexes, m.status, m.message?.text, m.message?.complete, m.message?.missing])).toEqual([
      [[2, 7], 'read', 'firstthird', false, [2]],
      [[4], 'unsent', undefined, undefined, undefined],
      [[5], 'read', 'single', true, []],
      [[6], 'read', undefined, undefined, undefined],
    ]);
    expect(messages[1].parts[0].pdu?.type).toBe('submit');
    expect(messages[3].parts[0].error).toBeInstanceOf(Error);
  });

  it('lists a second copy of a part beside its message, and tells senders and references apart', () => {
    const messages = storedSMSMessages([
      part(1, 'a1', { reference: 1, total: 2, sequence: 1 }),
      part(2, 'a1', { reference: 1, total: 2, sequence: 1 }),
      part(3, 'b1', { reference: 1, total: 2, sequence: 1 }, 0, '+15555550999'),
      part(4, 'a2', { reference: 1, total: 2, sequence: 2 }),
      part(5, 'c2', { reference: 2, total: 2, sequence: 2 }),
    ]);
    expect(messages.map((m) => [m.indexes, m.duplicateIndexes, m.message?.text, m.message?.complete])).toEqual([
      [[1, 4], [2], 'a1a2', true],
      [[3], [], 'b1', false],
      [[5], [], 'c2', false],
    ]);
  });
});
