import {
  decodeFrame,
  decodeMetadata,
  encodeMessageFrame,
  encodeMetadata,
  encodeSMSFrame,
  type CloudFrame,
  type FrameKeyStyle,
  type FrameMetadata,
} from '../../lib/cloud/cloud-frame';
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
    wire: '{"k":"abcdefgh","t":["TOPIC 1","TOPIC 2"],"d":"msg1"}\r\r',
  },
  {
    name: 'message whose data holds \\r\\r, quotes and unicode: escaped, cannot end the frame',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'a\r\rb "q" é✓', topics: [] },
    wire: '{"k":"abcdefgh","d":"a\\r\\rb \\"q\\" é✓"}\r\r',
  },
  {
    name: 'message with metadata, keys in the Python SDK order (k, m, t, d)',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'x', topics: ['t'], metadata: '\u0001agnostic-0.1.0' },
    wire: '{"k":"abcdefgh","m":"\\u0001agnostic-0.1.0","t":["t"],"d":"x"}\r\r',
  },
  {
    name: 'message from a modem with metadata and no topic',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'y', topics: [], metadata: '\u0001nova_u201-1.2.3' },
    wire: '{"k":"abcdefgh","m":"\\u0001nova_u201-1.2.3","d":"y"}\r\r',
  },
  {
    name: 'message with long keys',
    frame: { kind: 'message', deviceKey: 'abcdefgh', data: 'long', topics: ['a/b'] },
    style: 'long',
    wire: '{"devicekey":"abcdefgh","tags":["a/b"],"data":"long"}\r\r',
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
  return frame.kind === 'sms' ? encodeSMSFrame(frame) : encodeMessageFrame(frame, style);
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
    { name: 'metadata without the version byte', wire: '{"k":"abcdefgh","m":"agnostic-0.9.1","d":"x"}', code: 7 },
    { name: 'metadata without an SDK version', wire: '{"k":"abcdefgh","m":"\\u0001agnostic","d":"x"}', code: 7 },
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
      expect(() => encodeSMSFrame({ ...base, ...change })).toThrow(InvalidArgumentError);
      expect(() => encodeSMSFrame({ ...base, ...change })).toThrow(message);
    });
  });

  /**
   * Metadata fixtures: the fields and the exact value, as the Python SDK's `buildMetadataString`
   * writes it (`\u0001` + `build_modem_type_id_str(type, id)` + `-` + version).
   */
  const METADATA: readonly { name: string; metadata: FrameMetadata; value: string }[] = [
    { name: 'no modem', metadata: { modemType: 'agnostic', sdkVersion: '0.9.1' }, value: '\u0001agnostic-0.9.1' },
    { name: 'a Nova U201 (its class name, lower-cased)', metadata: { modemType: 'nova_u201', sdkVersion: '1.2.3' }, value: '\u0001nova_u201-1.2.3' },
    { name: 'a BG96', metadata: { modemType: 'bg96', sdkVersion: '0.10.0' }, value: '\u0001bg96-0.10.0' },
    {
      name: 'a Nova: type then modem id, which holds a dash',
      metadata: { modemType: 'nova', modemId: 'SARA-U201', sdkVersion: '0.9.1' },
      value: '\u0001nova-SARA-U201-0.9.1',
    },
    { name: 'a pre-release SDK version with a dash', metadata: { modemType: 'ec21', sdkVersion: '2.0.0-rc.1' }, value: '\u0001ec21-2.0.0-rc.1' },
  ];

  describe.each(METADATA)('metadata of $name', ({ metadata, value }) => {
    it('encodes to the exact value', () => expect(encodeMetadata(metadata)).toBe(value));
    it('decodes from the value', () => expect(decodeMetadata(value)).toEqual(metadata));
    it('mirrors, and a frame carrying it decodes', () => {
      expect(encodeMetadata(decodeMetadata(encodeMetadata(metadata))!)).toBe(value);
      const wire = encodeMessageFrame({ deviceKey: 'abcdefgh', data: 'd', topics: [], metadata: value });
      expect(decodeFrame(wire, anyKey)).toMatchObject({ ok: true, frame: { metadata: value } });
    });
  });

  it('lower-cases the modem type and appends the id only to a nova, as the Python SDK does', () => {
    expect(encodeMetadata({ modemType: 'BG96', modemId: 'BG96', sdkVersion: '1.0.0' })).toBe('\u0001bg96-1.0.0');
    expect(encodeMetadata({ modemType: 'Nova', modemId: 'SARA-R410M', sdkVersion: '1.0.0' })).toBe('\u0001nova-SARA-R410M-1.0.0');
  });

  it.each(['', 'agnostic-0.9.1', '\u0001agnostic', '\u0001-0.9.1', '\u0001agnostic-x.y', '\u0002agnostic-0.9.1'])(
    'finds no metadata in %j',
    (value) => expect(decodeMetadata(value)).toBeUndefined(),
  );
});
