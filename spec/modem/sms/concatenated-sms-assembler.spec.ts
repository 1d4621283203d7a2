import { InvalidArgumentError } from '../../../lib/errors';
import {
  addSMSPart,
  AssemblerState,
  AssemblerStep,
  expireSMSParts,
  flushSMSParts,
  initialAssemblerState,
  nextExpiry,
} from '../../../lib/modem/sms/concatenated-sms-assembler';
import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { encodeDeliver } from '../../../lib/modem/sms/encode-deliver';
import { SMSDeliverPDU } from '../../../lib/modem/sms/sms-pdu';
import { DELIVER_FIXTURES } from './pdu-fixtures';
import { deliverPart } from './sms-parts';

const options = { maxAgeMs: 1000 };

/** Feeds parts at the given times and collects everything emitted. */
function feed(parts: [SMSDeliverPDU, number][], state: AssemblerState = initialAssemblerState) {
  const steps: AssemblerStep[] = [];
  for (const [part, now] of parts) {
    const step = addSMSPart(state, part, now, options);
    steps.push(step);
    state = step.state;
  }
  return {
    state,
    steps,
    completed: steps.flatMap((step) => step.completed),
    expired: steps.flatMap((step) => step.expired),
  };
}

describe('concatenated SMS assembler', () => {
  it('passes a single-PDU message straight through', () => {
    const { completed, state } = feed([[deliverPart('+1555', 'hello'), 0]]);
    expect(completed).toMatchObject([{ text: 'hello', complete: true, missing: [], sender: { number: '+1555' } }]);
    expect(completed[0].concat).toBeUndefined();
    expect(state.pending.size).toBe(0);
  });

  it('treats a concatenation header announcing one part as a single message', () => {
    const single = decodePDU(DELIVER_FIXTURES[10].pdu) as SMSDeliverPDU;
    expect(feed([[single, 0]]).completed).toMatchObject([{ text: DELIVER_FIXTURES[10].text, complete: true }]);
  });

  it('reassembles the published two-part message in reverse order', () => {
    const [first, second] = [DELIVER_FIXTURES[8], DELIVER_FIXTURES[9]].map((fixture) => decodePDU(fixture.pdu) as SMSDeliverPDU);
    const { completed, steps } = feed([[second, 0], [first, 10]]);
    expect(steps[0].completed).toEqual([]);
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({
      text: `${DELIVER_FIXTURES[8].text}${DELIVER_FIXTURES[9].text}`,
      complete: true,
      missing: [],
      concat: { reference: 0x4c, referenceBits: 8, total: 2 },
      timestamp: first.timestamp,
    });
    expect(completed[0].parts).toEqual([first, second]);
  });

  it('drops duplicates, while pending and shortly after completion', () => {
    const a1 = deliverPart('+1555', 'one ', { reference: 9, total: 2, sequence: 1 });
    const a2 = deliverPart('+1555', 'two', { reference: 9, total: 2, sequence: 2 });
    const { steps, completed, state } = feed([[a1, 0], [a1, 1], [a2, 2], [a2, 3]]);
    expect(steps.map((step) => step.duplicate)).toEqual([false, true, false, true]);
    expect(completed.map((message) => message.text)).toEqual(['one two']);
    expect(state.pending.size).toBe(0);
    // Once the completed set is forgotten, the same reference opens a new set.
    const later = addSMSPart(state, a1, 2 + options.maxAgeMs, options);
    expect(later.duplicate).toBe(false);
    expect(later.state.pending.size).toBe(1);
  });

  it('keeps sets apart by sender, reference width and part count', () => {
    const parts: [SMSDeliverPDU, number][] = [
      [deliverPart('+1555', 'A', { reference: 5, total: 2, sequence: 1 }), 0],
      [deliverPart('+1666', 'B', { reference: 5, total: 2, sequence: 2 }), 0],
      [deliverPart('+1555', 'C', { reference: 5, total: 2, sequence: 2, referenceBits: 16 }), 0],
      [deliverPart('+1555', 'D', { reference: 5, total: 3, sequence: 2 }), 0],
      [deliverPart('Hologram', 'E', { reference: 5, total: 2, sequence: 2 }), 0],
    ];
    const { completed, state } = feed(parts);
    expect(completed).toEqual([]);
    expect(state.pending.size).toBe(5);
    const done = feed([[deliverPart('+1555', 'Z', { reference: 5, total: 2, sequence: 2 }), 1]], state);
    expect(done.completed.map((message) => message.text)).toEqual(['AZ']);
  });

  it('expires an incomplete set maxAgeMs after its first part, keeping what arrived', () => {
    const b2 = deliverPart('Hologram', 'middle ', { reference: 1, total: 3, sequence: 2 });
    const { state } = feed([[b2, 100]]);
    expect(nextExpiry(state, options)).toBe(1100);
    const early = expireSMSParts(state, 1099, options);
    expect(early.expired).toEqual([]);
    expect(early.state).toBe(state);
    const due = expireSMSParts(state, 1100, options);
    expect(due.expired).toMatchObject([{ text: 'middle ', complete: false, missing: [1, 3], sender: { text: 'Hologram' } }]);
    expect(due.state.pending.size).toBe(0);
    expect(nextExpiry(due.state, options)).toBeUndefined();
  });

  it('expires old sets when a new part arrives', () => {
    const old = deliverPart('+1555', 'old', { reference: 1, total: 2, sequence: 1 });
    const fresh = deliverPart('+1555', 'fresh');
    const { steps } = feed([[old, 0], [fresh, 5000]]);
    expect(steps[1].expired).toMatchObject([{ text: 'old', complete: false, missing: [2] }]);
    expect(steps[1].completed).toMatchObject([{ text: 'fresh', complete: true }]);
  });

  it('flushes every pending set as incomplete', () => {
    const { state } = feed([
      [deliverPart('+1555', 'x', { reference: 1, total: 2, sequence: 1 }), 0],
      [deliverPart('+1666', 'y', { reference: 1, total: 2, sequence: 2 }), 0],
    ]);
    const flushed = flushSMSParts(state);
    expect(flushed.expired.map((message) => [message.text, message.missing])).toEqual([['x', [2]], ['y', [1]]]);
    expect(flushed.state.pending.size).toBe(0);
  });

  it('joins 8-bit payloads', () => {
    const part = (sequence: number, data: string) => {
      const pdu = decodePDU(
        encodeDeliver({
          sender: '+1555',
          data: Buffer.from(data),
          timestamp: new Date('2025-01-01T00:00:00Z'),
          concat: { reference: 3, total: 2, sequence },
        }).pdu,
      ) as SMSDeliverPDU;
      return [pdu, 0] as [SMSDeliverPDU, number];
    };
    const { completed } = feed([part(2, 'def'), part(1, 'abc')]);
    expect(completed[0].data?.toString()).toBe('abcdef');
    expect(completed[0].text).toBe('');
  });

  it('rejects a non-positive maxAgeMs', () => {
    expect(() => addSMSPart(initialAssemblerState, deliverPart('+1555', 'x'), 0, { maxAgeMs: 0 })).toThrow(InvalidArgumentError);
    expect(() => expireSMSParts(initialAssemblerState, 0, { maxAgeMs: NaN })).toThrow(InvalidArgumentError);
  });
});
