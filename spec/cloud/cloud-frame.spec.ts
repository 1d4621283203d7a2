import { decodeFrame, encodeMessageFrame, encodeSmsFrame, type CloudFrame, type FrameKeyStyle } from '../../lib/cloud/cloud-frame';
import { InvalidArgumentError } from '../../lib/errors';

const anyKey = (key: string): boolean => key.length === 8;

/** One fixture per case: the frame, its exact bytes; each is encoded, decoded and mirrored. */
const FRAMES: readonly { name: string; frame: CloudFrame; style?: FrameKeyStyle; wire: string }[] = [
  {
    name: 'message without topics: t left out',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'hello', topics: [] },
    wire: '{"k":"abcdefgh","d":"hello"}\r\r',
  },
  {
    name: 'message with topics, one with a space as in the reference docs',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'msg1', topics: ['TOPIC 1', 'TOPIC 2'] },
    wire: '{"k":"abcdefgh","d":"msg1","t":["TOPIC 1","TOPIC 2"]}\r\r',
  },
  {
    name: 'message whose data holds \\r\\r, quotes and unicode: escaped, cannot end the frame',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'a\r\rb "q" é✓', topics: [] },
    wire: '{"k":"abcdefgh","d":"a\\r\\rb \\"q\\" é✓"}\r\r',
  },
  {
    name: 'message with metadata',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'x', topics: ['t'], metadata: '\u0001agnostic-0.1.0' },
    wire: '{"k":"abcdefgh","d":"x","t":["t"],"m":"\\u0001agnostic-0.1.0"}\r\r',
  },
  {
    name: 'message with long keys',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'long', topics: ['a/b'] },
    style: 'long',
    wire: '{"devicekey":"abcdefgh","data":"long","tags":["a/b"]}\r\r',
  },
  {
    name: 'SMS',
    frame: { kind: 'sms', deviceKey: 'abcdefgh', destination: '+15555550100', body: 'hello there' },
    wire: 'Sabcdefgh+15555550100 hello there\r\r',
  },
  {
    name: 'SMS of exactly 160 characters',
    frame: { kind: 'sms', deviceKey: 'abcdefgh', destination: '+1', body: 'x'.repeat(160) },
    wire: `Sabcdefgh+1 ${'x'.repeat(160)}\r\r`,
  },
];

function encode(frame: CloudFrame, style?: FrameKeyStyle): string {
  return frame.kind === 'sms' ? encodeSmsFrame(frame) : encodeMessageFrame(frame, style);
}

describe('cloud frames', () => {
  describe.each(FRAMES)('$name', ({ frame, style, wire }) => {
    it('encodes to the exact bytes', () => expect(encode(frame, style)).toBe(wire));
    it('decodes from the bytes', () => expect(decodeFrame(wire, anyKey)).toEqual({ ok: true, frame }));
    it('mirrors: decode(encode(frame)) is the frame', () => {
      const decoded = decodeFrame(encode(frame, style), anyKey);
      expect(decoded.ok && encode(decoded.frame, style)).toBe(wire);
    });
  });

  /** Frames a cloud must refuse, with the code it answers. */
  const REFUSED: readonly { name: string; wire: string; code: number; keys?: string[] }[] = [
    { name: 'not JSON', wire: '{"k":"abcdefgh",', code: 2 },
    { name: 'JSON array', wire: '["abcdefgh"]', code: 5 },
    { name: 'mixed short and long keys', wire: '{"k":"abcdefgh","data":"x"}', code: 2 },
    { name: 'unknown key', wire: '{"k":"abcdefgh","d":"x","z":1}', code: 2 },
    { name: 'missing key', wire: '{"d":"x"}', code: 3 },
    { name: 'key of 7 characters', wire: '{"k":"abcdefg","d":"x"}', code: 3 },
    { name: 'key not among the accepted ones', wire: '{"k":"abcdefgh","d":"x"}', code: 3, keys: ['zzzzzzzz'] },
    { name: 'data missing', wire: '{"k":"abcdefgh"}', code: 4 },
    { name: 'data a number', wire: '{"k":"abcdefgh","d":5}', code: 4 },
    { name: 'metadata a number', wire: '{"k":"abcdefgh","d":"x","m":1}', code: 7 },
    { name: 'topic not a string', wire: '{"k":"abcdefgh","d":"x","t":[1]}', code: 8 },
    { name: 'topic of 32 characters', wire: `{"k":"abcdefgh","d":"x","t":["${'a'.repeat(32)}"]}`, code: 8 },
    { name: 'reserved system topic', wire: '{"k":"abcdefgh","d":"x","t":"_DEVICE_1_"}', code: 8 },
    { name: 'neither JSON nor SMS', wire: 'hello', code: 5 },
    { name: 'SMS with a bad key', wire: 'Sabc', code: 3 },
    { name: 'SMS without +', wire: 'Sabcdefgh15555550100 hi', code: 2 },
    { name: 'SMS without body separator', wire: 'Sabcdefgh+15555550100', code: 2 },
    { name: 'SMS of 161 characters', wire: `Sabcdefgh+1 ${'x'.repeat(161)}`, code: 4 },
  ];
  it.each(REFUSED)('refuses $name with code $code', ({ wire, code, keys }) => {
    const accepts = keys === undefined ? anyKey : (key: string) => keys.includes(key);
    expect(decodeFrame(`${wire}\r\r`, accepts)).toMatchObject({ ok: false, code });
  });

  it('accepts a single topic given as a string', () => {
    expect(decodeFrame('{"k":"abcdefgh","d":"x","t":"one"}', anyKey)).toEqual({
      ok: true,
      frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'x', topics: ['one'] },
    });
  });

  describe('SMS encoding refuses, naming the value', () => {
    const base = { deviceKey: 'abcdefgh', destination: '+15555550100', body: 'hi' };
    it.each([
      ['destination without +', { destination: '15555550100' }, /destination "15555550100"/],
      ['destination with \\r (injection)', { destination: '+1\r\rX' }, /destination/],
      ['body over 160 characters', { body: 'x'.repeat(161) }, /161 characters/],
      ['body with \\r (injection)', { body: 'a\rb' }, /carriage return/],
      ['empty body', { body: '' }, /empty/],
    ])('%s', (_name, change, message) => {
      expect(() => encodeSmsFrame({ ...base, ...change })).toThrow(InvalidArgumentError);
      expect(() => encodeSmsFrame({ ...base, ...change })).toThrow(message);
    });
  });
});
