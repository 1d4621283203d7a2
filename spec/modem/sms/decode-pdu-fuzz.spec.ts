import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { PDUDecodeError } from '../../../lib/modem/sms/pdu-decode-error';
import { DELIVER_FIXTURES } from './pdu-fixtures';
import { randomInt, seededRandom } from './seeded-random';

/** Decodes and returns what happened; anything thrown other than PDUDecodeError fails the test. */
function tryDecode(hex: string, smscIncluded: boolean): 'decoded' | 'rejected' {
  try {
    const pdu = decodePDU(hex, { smscIncluded });
    expect(['deliver', 'submit', 'status-report']).toContain(pdu.type);
    return 'decoded';
  } catch (error) {
    if (!(error instanceof PDUDecodeError)) throw new Error(`decodePDU(${hex}) threw ${String(error)}`);
    // The decoder's last-resort wrapper must never be what rejected the input.
    expect(error.detail ?? '').not.toMatch(/internal decoder error/);
    expect(error.offset).toBeGreaterThanOrEqual(0);
    expect(error.offset).toBeLessThanOrEqual(hex.length / 2);
    return 'rejected';
  }
}

describe('decodePDU fuzz', () => {
  it('random octets either decode or raise PDUDecodeError', () => {
    const random = seededRandom(0xf022);
    const outcomes = { decoded: 0, rejected: 0 };
    for (let round = 0; round < 2500; round++) {
      const octets = Buffer.from(Array.from({ length: randomInt(random, 0, 180) }, () => randomInt(random, 0, 255)));
      // Bias towards plausible headers so the fuzzing reaches past the first fields.
      if (octets.length > 2 && random() < 0.7) {
        octets[0] = 0;
        octets[1] = (octets[1] & 0xfc) | randomInt(random, 0, 2);
      }
      outcomes[tryDecode(octets.toString('hex'), random() < 0.8)]++;
    }
    expect(outcomes.rejected).toBeGreaterThan(0);
  });

  it('mutated and truncated real PDUs either decode or raise PDUDecodeError', () => {
    const random = seededRandom(0xbadbed);
    const outcomes = { decoded: 0, rejected: 0 };
    for (let round = 0; round < 4000; round++) {
      const fixture = DELIVER_FIXTURES[randomInt(random, 0, DELIVER_FIXTURES.length - 1)];
      const octets = Buffer.from(fixture.pdu, 'hex');
      const mutations = randomInt(random, 1, 4);
      for (let mutation = 0; mutation < mutations; mutation++) octets[randomInt(random, 0, octets.length - 1)] = randomInt(random, 0, 255);
      const cut = random() < 0.3 ? randomInt(random, 0, octets.length) : octets.length;
      outcomes[tryDecode(octets.subarray(0, cut).toString('hex'), true)]++;
    }
    expect(outcomes.decoded).toBeGreaterThan(100);
    expect(outcomes.rejected).toBeGreaterThan(100);
  });

  it('rejects every truncation of a valid PDU', () => {
    for (const fixture of DELIVER_FIXTURES) {
      for (let length = 0; length < fixture.pdu.length / 2 - 1; length++) {
        const truncated = fixture.pdu.slice(0, length * 2);
        // TP-UDL declares exactly the octets present, so any cut leaves a field short.
        expect(tryDecode(truncated, true)).toBe('rejected');
      }
    }
  });

  it('rejects non-string input with PDUDecodeError', () => {
    expect(() => decodePDU(undefined as unknown as string)).toThrow(PDUDecodeError);
    expect(() => decodePDU(42 as unknown as string)).toThrow(PDUDecodeError);
  });
});
