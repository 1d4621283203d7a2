import { existsSync } from 'node:fs';
import { SerialPortStream } from '@serialport/stream';
import { firstValueFrom } from 'rxjs';
import { SerialPortConnection } from '../../lib/modem/serial-port-connection';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';
import { platformSerialBinding } from '../../lib/modem/platform-serial-binding';

/** Resolves once `stream` delivered `length` bytes; returns them. */
function collect(stream: NodeJS.ReadableStream, length: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= length) {
        stream.off('data', onData);
        resolve(Buffer.concat(chunks));
      }
    };
    stream.on('data', onData);
  });
}

/** Through the SDK's platform binding: serialport's own stalls reads on Node 26.4+ (see platform-serial-binding.ts). */
function openSerial(path: string): Promise<SerialPortStream> {
  const port = new SerialPortStream({ binding: platformSerialBinding(), path, baudRate: 115200, autoOpen: false, hupcl: false });
  return new Promise((resolve, reject) => port.open((error) => (error ? reject(error) : resolve(port))));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('openPtyPair (real pty, python3 relay, real serialport binding)', () => {
  let pair: PtyPair;
  beforeEach(async () => {
    pair = await openPtyPair();
  });
  afterEach(async () => {
    await pair.close();
  });

  it('carries bytes both ways unchanged (raw: no echo, no CR/LF translation)', async () => {
    const port = await openSerial(pair.path);
    const toModem = collect(pair.stream, 6);
    port.write(Buffer.from('AT\r\n\x00\xff', 'latin1'));
    expect((await toModem).toString('latin1')).toBe('AT\r\n\x00\xff');
    const toHost = collect(port, 6);
    pair.stream.write(Buffer.from('\r\nOK\r\n'));
    expect((await toHost).toString()).toBe('\r\nOK\r\n');
    await new Promise<void>((resolve) => port.close(() => resolve()));
  });

  it('carries a large transfer both ways', async () => {
    const port = await openSerial(pair.path);
    const big = Buffer.alloc(512 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const atModem = collect(pair.stream, big.length);
    port.write(big);
    expect((await atModem).equals(big)).toBe(true);
    const atHost = collect(port, big.length);
    pair.stream.write(big);
    expect((await atHost).equals(big)).toBe(true);
    await new Promise<void>((resolve) => port.close(() => resolve()));
  });

  it('unplug removes the path and the serial side loses the port; replug brings the path back', async () => {
    // Raw serialport does not always see a pty's hang-up (end-of-file reads are retried), so the
    // serial side here is SerialPortConnection, which the SDK uses: it also watches the path.
    const connection = new SerialPortConnection({ path: pair.path, pollIntervalMs: 50 });
    await connection.open();
    const lost = firstValueFrom(connection.disconnected$);
    const oldPid = pair.relayPid!;
    await pair.unplug();
    expect(existsSync(pair.path)).toBe(false);
    expect(pair.plugged).toBe(false);
    const error = await lost;
    expect(error.disconnected).toBe(true);
    expect(isAlive(oldPid)).toBe(false);
    expect(connection.state).toBe('reconnecting');

    const reopened = firstValueFrom(connection.port$);
    const stream = await pair.replug();
    expect(existsSync(pair.path)).toBe(true);
    const again = await reopened;
    const received = collect(stream, 3);
    again.write('AT\r');
    expect((await received).toString()).toBe('AT\r');
    await connection.close();
  });

  it('close() leaves no relay process and removes the path', async () => {
    const pid = pair.relayPid!;
    expect(isAlive(pid)).toBe(true);
    await pair.close();
    expect(isAlive(pid)).toBe(false);
    expect(existsSync(pair.path)).toBe(false);
  });
});
