import { ATParser, type ATParserEvent } from '../../../lib/modem/at/at-parser';
import { parseATArgs } from '../../../lib/modem/at/at-args';
import { classifyFinalResult } from '../../../lib/modem/at/final-result';
import { describeEvent, PARSER_FIXTURES, type ParserFixture } from './at-parser-fixtures';

/** Runs a fixture, feeding each step's bytes in chunks of `chunkSize` (Infinity: one chunk). */
function run(fixture: ParserFixture, chunkSize: number): string[] {
  const parser = new ATParser();
  const events: ATParserEvent[] = [];
  for (const step of fixture.steps) {
    if (step.pending) parser.setPending(step.pending);
    const bytes = typeof step.receive === 'string' ? Buffer.from(step.receive, 'latin1') : step.receive;
    for (let i = 0; i < bytes.length; i += Math.min(chunkSize, bytes.length)) {
      events.push(...parser.push(bytes.subarray(i, i + chunkSize)));
    }
  }
  return events.map(describeEvent);
}

describe('ATParser', () => {
  describe.each(PARSER_FIXTURES.map((f) => [f.name, f] as const))('%s', (_name, fixture) => {
    it('parses the transcript in one chunk', () => {
      expect(run(fixture, Infinity)).toEqual(fixture.expected);
    });
    it('parses the transcript split at every byte', () => {
      expect(run(fixture, 1)).toEqual(fixture.expected);
    });
    it('parses the transcript in 3-byte chunks', () => {
      expect(run(fixture, 3)).toEqual(fixture.expected);
    });
  });

  it('clears the pending command on a final result, so a later echo-like line is a plain line', () => {
    const parser = new ATParser();
    parser.setPending({ command: 'AT' });
    expect(parser.push(Buffer.from('\r\nOK\r\n')).map(describeEvent)).toEqual(['final:OK']);
    expect(parser.pendingCommand).toBeUndefined();
    expect(parser.push(Buffer.from('AT\r\n')).map(describeEvent)).toEqual(['line:AT']);
  });

  it('does not treat > as a prompt unless the pending command expects one', () => {
    const parser = new ATParser();
    parser.setPending({ command: 'AT+CMGL=4' });
    expect(parser.push(Buffer.from('\r\n> quoted\r\nOK\r\n')).map(describeEvent)).toEqual(['line:> quoted', 'final:OK']);
  });

  it('drops an overlong line, reports it, and keeps its place', () => {
    const parser = new ATParser({ maxLineLength: 16 });
    parser.setPending({ command: 'AT+CSQ' });
    const events = parser.push(Buffer.from(`\r\n${'X'.repeat(40)}\r\n+CSQ: 9,99\r\nOK\r\n`)).map(describeEvent);
    expect(events).toEqual(['discarded:40', 'line:+CSQ: 9,99', 'final:OK']);
  });

  it('accepts vendor URC rules passed as options', () => {
    const parser = new ATParser({ urcs: { '+QSTATE': { kind: 'always' } } });
    expect(parser.push(Buffer.from('\r\n+QSTATE: 1\r\n')).map(describeEvent)).toEqual(['urc:+QSTATE ["1"]']);
  });

  it('forgets a partial line on reset()', () => {
    const parser = new ATParser();
    parser.push(Buffer.from('+CS'));
    parser.reset();
    expect(parser.push(Buffer.from('OK\r\n')).map(describeEvent)).toEqual(['final:OK']);
  });

  describe('random input', () => {
    /** Small deterministic PRNG (xorshift32), so a failure can be replayed from its seed. */
    function random(seed: number): () => number {
      let x = seed || 1;
      return () => {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        return (x >>> 0) / 0x100000000;
      };
    }
    const alphabet = Buffer.from('\r\n\r\n>@ ",+:^0123456789ATOKERROR+CMT+QIURC: "recv",0,3\x00\xff\x1a', 'latin1');

    it.each([1, 2, 3, 4, 5, 6, 7, 8])('never throws and recovers after garbage (seed %i)', (seed) => {
      const next = random(seed * 7919);
      const parser = new ATParser({ maxLineLength: 64 });
      for (let round = 0; round < 200; round++) {
        if (next() < 0.1) parser.setPending({ command: 'AT+CMGS=5', expectsPrompt: next() < 0.5, body: 'ABC' });
        const length = Math.floor(next() * 80);
        const garbage = Buffer.alloc(length);
        for (let i = 0; i < length; i++) garbage[i] = next() < 0.5 ? alphabet[Math.floor(next() * alphabet.length)] : Math.floor(next() * 256);
        expect(() => parser.push(garbage)).not.toThrow();
      }
      // Whatever state the garbage left (a two-line URC or raw bytes pending), a bounded amount of
      // line endings brings the parser back: raw reads are capped, so flush with enough bytes.
      parser.setPending(undefined);
      parser.push(Buffer.from('\r\n'));
      const flushed: ATParserEvent[] = [];
      for (let i = 0; i < 10 && !flushed.some((e) => e.type === 'final'); i++) {
        flushed.push(...parser.push(Buffer.from('\r\nOK\r\n')));
      }
      expect(flushed.map(describeEvent)).toContain('final:OK');
    });

    it('recognises OK right after pure binary garbage followed by CRLF', () => {
      const next = random(42);
      const parser = new ATParser();
      const garbage = Buffer.alloc(5000);
      for (let i = 0; i < garbage.length; i++) garbage[i] = Math.floor(next() * 256);
      // Remove CR/LF-free prefixes that could announce raw data: binary garbage without '+' cannot.
      for (let i = 0; i < garbage.length; i++) if (garbage[i] === 0x2b) garbage[i] = 0;
      parser.push(garbage);
      // The garbage's unterminated tail becomes one (junk) line; OK after it is still OK.
      const events = parser.push(Buffer.from('\r\nOK\r\n')).map(describeEvent);
      expect(events.at(-1)).toBe('final:OK');
      expect(events.length).toBeLessThanOrEqual(2);
    });
  });
});

describe('parseATArgs', () => {
  it.each([
    ['', []],
    ['2,1', ['2', '1']],
    [' 2 , 1 ', ['2', '1']],
    ['2,1,"00C3","0012345",7', ['2', '1', '00C3', '0012345', '7']],
    [',24', ['', '24']],
    ['"a,b",c', ['a,b', 'c']],
    ['"LTE",46', ['LTE', '46']],
    ['"unterminated,x', ['unterminated,x']],
    ['0,"Balance 5.00",15', ['0', 'Balance 5.00', '15']],
  ])('%j → %j', (text, expected) => {
    expect(parseATArgs(text)).toEqual(expected);
  });
});

describe('classifyFinalResult', () => {
  it.each([
    ['OK', { ok: true }],
    ['SEND OK', { ok: true }],
    ['CONNECT', { ok: true }],
    ['CONNECT 115200', { ok: true }],
    ['ERROR', { ok: false }],
    ['+CME ERROR: 14', { ok: false, cmeError: 14, errorText: '14' }],
    ['+CME ERROR: SIM busy', { ok: false, cmeError: 14, errorText: 'SIM busy' }],
    ['+CME ERROR: Not fixed now', { ok: false, cmeError: 516, errorText: 'Not fixed now' }],
    ['+CME ERROR: something new', { ok: false, cmeError: undefined, errorText: 'something new' }],
    ['+CMS ERROR: 500', { ok: false, cmsError: 500, errorText: '500' }],
    ['+CMS ERROR: SMSC address unknown', { ok: false, cmsError: 330, errorText: 'SMSC address unknown' }],
  ])('%s', (line, expected) => {
    expect(classifyFinalResult(line)).toEqual({ line, ...expected });
  });
  it.each(['OKAY', 'CONNECTED', '+CSQ: 1,2', 'ERRORS'])('%s is not final', (line) => {
    expect(classifyFinalResult(line)).toBeUndefined();
  });
});
