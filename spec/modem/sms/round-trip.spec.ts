import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { encodeDeliver, encodeDeliverParts } from '../../../lib/modem/sms/encode-deliver';
import { encodeSubmit } from '../../../lib/modem/sms/encode-submit';
import { canEncodeGSM7 } from '../../../lib/modem/sms/gsm7-alphabet';
import { addSMSPart, AssemblerState, initialAssemblerState } from '../../../lib/modem/sms/concatenated-sms-assembler';
import { SMSDeliverPDU, SMSPDU } from '../../../lib/modem/sms/sms-pdu';
import { pick, randomGsm7Text, randomInt, randomUnicodeText, seededRandom, shuffle } from './seeded-random';

function submitText(pdu: SMSPDU): string {
  if (pdu.type !== 'submit') throw new Error(`expected submit, got ${pdu.type}`);
  return pdu.text ?? '';
}

describe('mirror: encodeSubmit → decodePDU', () => {
  it('random GSM 7-bit texts (extension characters included) come back unchanged, in GSM 7-bit', () => {
    const random = seededRandom(0x5e1ec7);
    for (let round = 0; round < 150; round++) {
      const text = randomGsm7Text(random, randomInt(random, 0, 480));
      const parts = encodeSubmit('+15555551234', text, { concatReferenceBits: pick(random, [8, 16] as const) });
      const decoded = parts.map((part) => decodePDU(part.pdu));
      expect(decoded.map(submitText).join('')).toBe(text);
      for (const [index, pdu] of decoded.entries()) {
        expect(pdu.type === 'submit' && pdu.dcs.alphabet).toBe('gsm7');
        expect(parts[index].tpduLength).toBe(parts[index].pdu.length / 2 - 1);
        if (parts.length > 1) expect(pdu.type === 'submit' && pdu.concat).toMatchObject({ total: parts.length, sequence: index + 1 });
      }
    }
  });

  it('random Unicode texts with astral characters come back unchanged, in UCS2', () => {
    const random = seededRandom(0xe3071);
    for (let round = 0; round < 150; round++) {
      const text = randomUnicodeText(random, randomInt(random, 1, 300));
      const parts = encodeSubmit('0612345678', text);
      const decoded = parts.map((part) => decodePDU(part.pdu));
      expect(decoded.map(submitText).join('')).toBe(text);
      const expectedAlphabet = canEncodeGSM7(text) ? 'gsm7' : 'ucs2';
      for (const pdu of decoded) expect(pdu.type === 'submit' && pdu.dcs.alphabet).toBe(expectedAlphabet);
      // No part begins with the second half of a surrogate pair.
      for (const pdu of decoded) expect(submitText(pdu).charCodeAt(0) & 0xfc00).not.toBe(0xdc00);
    }
  });

  it('texts exactly at the part boundaries', () => {
    for (const length of [159, 160, 161, 305, 306, 307]) {
      const text = 'z'.repeat(length);
      const parts = encodeSubmit('+1555', text);
      expect(parts).toHaveLength(length <= 160 ? 1 : Math.ceil(length / 153));
      expect(parts.map((part) => submitText(decodePDU(part.pdu))).join('')).toBe(text);
    }
    for (const length of [70, 71, 134, 135]) {
      const text = 'ж'.repeat(length);
      const parts = encodeSubmit('+1555', text);
      expect(parts).toHaveLength(length <= 70 ? 1 : Math.ceil(length / 67));
      expect(parts.map((part) => submitText(decodePDU(part.pdu))).join('')).toBe(text);
    }
  });
});

describe('mirror: encodeDeliver → decodePDU', () => {
  it('random senders, zones, texts and data', () => {
    const random = seededRandom(0xde11);
    for (let round = 0; round < 150; round++) {
      const sender = pick(random, ['+447700900123', '5551234', 'Hologram', 'Bank', 'INFO-1234', '€uro{}']);
      const offsetMinutes = randomInt(random, -79, 79) * 15;
      const timestamp = new Date(Date.UTC(2000, 0, 1) + Math.floor(random() * 80 * 365 * 86_400) * 1000);
      const useData = random() < 0.2;
      const text = random() < 0.5 ? randomGsm7Text(random, randomInt(random, 0, 80)) : randomUnicodeText(random, randomInt(random, 0, 60));
      const data = Buffer.from(Array.from({ length: randomInt(random, 0, 140) }, () => randomInt(random, 0, 255)));
      const encoded = encodeDeliver({ sender, timestamp, timezoneOffsetMinutes: offsetMinutes, ...(useData ? { data } : { text }) });
      const pdu = decodePDU(encoded.pdu);
      if (pdu.type !== 'deliver') throw new Error('expected deliver');
      expect(pdu.sender.type === 'alphanumeric' ? pdu.sender.text : pdu.sender.number).toBe(sender);
      expect(pdu.timestamp.date.getTime()).toBe(timestamp.getTime());
      expect(pdu.timestamp.offsetMinutes).toBe(offsetMinutes);
      if (useData) expect(pdu.data).toEqual(data);
      else expect(pdu.text).toBe(text);
    }
  });
});

describe('multipart round trip with shuffled arrival', () => {
  it('reassembles every message whatever the order, with duplicates', () => {
    const random = seededRandom(0xc0ca);
    const maxAgeMs = 60_000;
    let state: AssemblerState = initialAssemblerState;
    for (let round = 0; round < 40; round++) {
      const text = random() < 0.5 ? randomGsm7Text(random, randomInt(random, 161, 1200)) : randomUnicodeText(random, randomInt(random, 71, 400));
      const parts = encodeDeliverParts({
        sender: pick(random, ['+15555550100', 'Hologram']),
        text,
        timestamp: new Date('2025-11-10T12:00:00Z'),
        concatReference: round,
        concatReferenceBits: pick(random, [8, 16] as const),
      }).map((part) => decodePDU(part.pdu) as SMSDeliverPDU);
      const arrivals = shuffle(random, [...parts, ...parts.filter(() => random() < 0.3)]);
      const completed: string[] = [];
      for (const [index, part] of arrivals.entries()) {
        const step = addSMSPart(state, part, round * 1000 + index, { maxAgeMs });
        state = step.state;
        completed.push(...step.completed.map((message) => message.text));
        expect(step.expired).toEqual([]);
      }
      expect(completed).toEqual([text]);
    }
    expect(state.pending.size).toBe(0);
  });
});
