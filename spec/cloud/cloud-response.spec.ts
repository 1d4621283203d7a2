import { decodeCloudResponse, encodeCloudResponse, isCompleteCloudResponse } from '../../lib/cloud/cloud-response';
import { RESULT_CODES, resultForCode } from '../../lib/cloud/result-codes';

/**
 * One fixture per case: reply text, the code it means, and whether it is a whole answer (the client
 * stops reading at once) or may still grow (it waits for the close).
 */
const REPLIES: readonly { name: string; reply: string; code: number; complete: boolean }[] = [
  { name: 'JSON half-way', reply: '[0,0', code: -1, complete: false },
  { name: 'JSON array split before its first number', reply: '[', code: -1, complete: false },
  { name: 'JSON success', reply: '[0,0]', code: 0, complete: true },
  { name: 'JSON with spaces and CRLF', reply: ' [ 3 , 0 ]\r\n', code: 3, complete: true },
  { name: 'compact digit', reply: '0', code: 0, complete: true },
  { name: 'compact two digits (code then 0)', reply: '80', code: 8, complete: true },
  { name: 'compact with newline', reply: '6\n', code: 6, complete: true },
  { name: 'JSON -1', reply: '[-1,0]', code: -1, complete: true },
  { name: 'empty: closed without reply', reply: '', code: -1, complete: false },
  { name: 'whitespace only', reply: ' \r\n', code: -1, complete: false },
  { name: 'garbage', reply: 'HTTP/1.1 400 Bad Request', code: -1, complete: false },
  { name: 'unknown code', reply: '[42,0]', code: -1, complete: true },
  { name: 'truncated JSON', reply: '[0,', code: -1, complete: false },
  { name: 'array of strings', reply: '["0"]', code: -1, complete: true },
  { name: 'empty array', reply: '[]', code: -1, complete: true },
  { name: 'float code', reply: '[0.5,0]', code: -1, complete: true },
];

describe('cloud response', () => {
  it.each(REPLIES)('decodes $name', ({ reply, code }) => {
    const result = decodeCloudResponse(Buffer.from(reply));
    expect(result).toEqual({ ...resultForCode(code), reply });
  });

  it.each(REPLIES)('says whether $name is a whole answer', ({ reply, complete }) => {
    expect(isCompleteCloudResponse(Buffer.from(reply))).toBe(complete);
  });

  it('says every encoded answer is whole, and none of its proper prefixes but compact digits', () => {
    for (const code of RESULT_CODES.map((entry) => entry.code)) {
      const json = encodeCloudResponse(code);
      expect(isCompleteCloudResponse(json)).toBe(true);
      for (let end = 0; end < json.length; end += 1) expect(isCompleteCloudResponse(json.slice(0, end))).toBe(false);
      if (code >= 0) expect(isCompleteCloudResponse(encodeCloudResponse(code, true))).toBe(true);
    }
  });

  it.each(RESULT_CODES.map((entry) => entry.code))('mirrors code %i in JSON and compact form', (code) => {
    expect(decodeCloudResponse(encodeCloudResponse(code)).code).toBe(code);
    if (code >= 0) expect(decodeCloudResponse(encodeCloudResponse(code, true)).code).toBe(code);
  });

  it('encodes the way the cloud answers', () => {
    expect(encodeCloudResponse(0)).toBe('[0,0]');
    expect(encodeCloudResponse(3, true)).toBe('3');
  });

  it('classifies every code: 0 and 1 delivered, 6 and -1 transient, the rest permanent', () => {
    const byKind = (kind: string) => RESULT_CODES.filter((entry) => entry.kind === kind).map((entry) => entry.code);
    expect(byKind('delivered')).toEqual([0, 1]);
    expect(byKind('transient').sort()).toEqual([-1, 6]);
    expect(byKind('permanent')).toEqual([2, 3, 4, 5, 7, 8]);
    for (const entry of RESULT_CODES) {
      const result = resultForCode(entry.code);
      expect(result.ok).toBe(entry.kind === 'delivered');
      expect(result.retryable).toBe(entry.kind === 'transient');
      expect(result.name).toMatch(/^ERR_[A-Z]+$/);
      expect(result.description.length).toBeGreaterThan(10);
    }
  });

  it('decodes random input without throwing, always to a code of the table', () => {
    // A small deterministic generator (xorshift) so a failure can be replayed.
    let seed = 0x2545f491;
    const next = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const alphabet = '[],0123456789- \r\n"{}abc\u0000é';
    const known = new Set(RESULT_CODES.map((entry) => entry.code));
    for (let i = 0; i < 3000; i += 1) {
      const length = Math.floor(next() * 12);
      const bytes =
        i % 2 === 0
          ? Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)))
          : Buffer.from(Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join(''));
      const result = decodeCloudResponse(bytes);
      expect(known.has(result.code)).toBe(true);
      expect(result.ok).toBe(result.code === 0 || result.code === 1);
    }
  });
});
