import { firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { TcpTransport } from '../../lib/cloud/tcp-transport';
import { TransportError } from '../../lib/cloud/transport-error';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';

const transport = new TcpTransport();
const exchange = (port: number, text: string) =>
  firstValueFrom(transport.exchange$({ host: '127.0.0.1', port, payload: Buffer.from(text) })).then((reply) => reply.toString());

describe('CloudEmulator', () => {
  let emulator: CloudEmulator;
  let port: number;
  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    port = await emulator.listen();
  });
  afterEach(() => emulator.close());

  it('answers [0,0] to a valid frame and records it, duplicates counted', async () => {
    const frame = '{"k":"abcdefgh","d":"hi","t":["a"]}\r\r';
    const recorded = lastValueFrom(emulator.received$.pipe(take(2), toArray()));
    expect(await exchange(port, frame)).toBe('[0,0]');
    expect(await exchange(port, frame)).toBe('[0,0]');
    const expected = { kind: 'message', deviceKey: 'abcdefgh', data: 'hi', topics: ['a'], code: 0 };
    expect(emulator.received).toEqual([expected, expected]);
    expect(await recorded).toEqual([expected, expected]);
    expect(emulator.connectionCount).toBe(2);
  });

  it.each([
    ['an unknown key', '{"k":"zzzzzzzz","d":"hi"}', '[3,0]'],
    ['mixed keys', '{"k":"abcdefgh","data":"hi"}', '[2,0]'],
    ['not JSON', '{oops', '[2,0]'],
    ['a bad topic', '{"k":"abcdefgh","d":"hi","t":"_SYS"}', '[8,0]'],
  ])('answers the right code for %s and records it as invalid', async (_name, frame, reply) => {
    expect(await exchange(port, `${frame}\r\r`)).toBe(reply);
    expect(emulator.received[0]).toMatchObject({ kind: 'invalid', code: Number(reply[1]) });
  });

  it('accepts any 8-character key when given none', async () => {
    const open = new CloudEmulator();
    const openPort = await open.listen();
    try {
      expect(await exchange(openPort, '{"k":"12345678","d":"x"}\r\r')).toBe('[0,0]');
    } finally {
      await open.close();
    }
  });

  it('answers SMS frames with bare digits, which the Python SDK reads with int() per character', async () => {
    const reply = await exchange(port, 'Sabcdefgh+15555550100 hello\r\r');
    expect(reply).toBe('0');
    // What HologramCloud.__parse_hologram_compact_result does: one int per character, no ValueError.
    expect([...reply].map((character) => Number.parseInt(character, 10))).toEqual([0]);
    expect(emulator.received).toEqual([{ kind: 'sms', deviceKey: 'abcdefgh', destination: '+15555550100', body: 'hello', code: 0 }]);
  });

  it('answers a refused SMS frame with its code as a bare digit too', async () => {
    expect(await exchange(port, 'Szzzzzzzz+15555550100 hello\r\r')).toBe('3');
    expect(await exchange(port, 'Sabcdefgh15555550100 hello\r\r')).toBe('2');
  });

  it('records the metadata of a frame written as the Python SDK writes it (json.dumps spacing, k m t d)', async () => {
    const frame = '{"k": "abcdefgh", "m": "\\u0001nova_u201-0.9.1", "t": ["a"], "d": "hi"}\r\r';
    expect(await exchange(port, frame)).toBe('[0,0]');
    expect(emulator.received).toEqual([
      { kind: 'message', deviceKey: 'abcdefgh', data: 'hi', topics: ['a'], metadata: '\u0001nova_u201-0.9.1', code: 0 },
    ]);
  });

  it('answers code 7 to malformed metadata', async () => {
    expect(await exchange(port, '{"k":"abcdefgh","m":"nova","d":"hi"}\r\r')).toBe('[7,0]');
    expect(emulator.received[0]).toMatchObject({ kind: 'invalid', code: 7 });
  });

  it('answers a given code, compactly when asked', async () => {
    emulator.faults.answerCode = 6;
    expect(await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).toBe('[6,0]');
    emulator.faults.compactReply = true;
    expect(await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).toBe('6');
  });

  it('closes without a reply', async () => {
    emulator.faults.closeWithoutReply = true;
    expect(await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).toBe('');
    expect(emulator.received).toHaveLength(1);
  });

  it('resets the connection', async () => {
    emulator.faults.resetConnection = true;
    await expect(exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).rejects.toMatchObject({ kind: 'reset' });
  });

  it('delays the reply', async () => {
    emulator.faults.replyDelayMs = 50;
    expect(await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).toBe('[0,0]');
  });

  it('refuses connections, then accepts again on the same port', async () => {
    await emulator.refuseConnections(true);
    const error = await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'refused' });
    await emulator.refuseConnections(false);
    expect(emulator.port).toBe(port);
    expect(await exchange(port, '{"k":"abcdefgh","d":"x"}\r\r')).toBe('[0,0]');
  });

  it('answers ERR_CONNCLOSED when the client stops writing before the terminator', async () => {
    const { connect } = await import('node:net');
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.end('{"k":"abcdefgh","d":"x"}'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(reply).toBe('[1,0]');
  });

  it('closes cleanly with a connection still open and completes received$', async () => {
    const { connect } = await import('node:net');
    const completed = lastValueFrom(emulator.received$.pipe(toArray()));
    const closed = new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('{"k":"abcd');
        void emulator.close();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve());
    });
    await closed;
    expect(await completed).toEqual([]);
  });
});
