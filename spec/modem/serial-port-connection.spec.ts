import { existsSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { InvalidArgumentError } from '../../lib/errors';
import { firstValueFrom } from 'rxjs';
import { listSerialPorts, SerialPortConnection, SerialPortListError, SerialPortOpenError } from '../../lib/modem/serial-port-connection';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

const udevadmPresent = (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'udevadm')));

describe('SerialPortConnection', () => {
  it('rejects an empty path with InvalidArgumentError', () => {
    expect(() => new SerialPortConnection({ path: '' })).toThrow(InvalidArgumentError);
  });

  it('fails a first open of a missing path with SerialPortOpenError naming the path, state back to closed', async () => {
    const connection = new SerialPortConnection({ path: '/nonexistent/ttyNOPE' });
    const states: string[] = [];
    connection.state$.subscribe((s) => states.push(s));
    await expect(connection.open()).rejects.toThrow(SerialPortOpenError);
    await expect(connection.open()).rejects.toThrow(/\/nonexistent\/ttyNOPE/);
    expect(states.slice(0, 3)).toEqual(['closed', 'opening', 'closed']);
    await connection.close();
  });
});

describe('listSerialPorts', () => {
  it(udevadmPresent ? 'lists ports (udev present)' : 'explains that udev is missing and to pass --device', async () => {
    if (udevadmPresent) {
      expect(Array.isArray(await listSerialPorts())).toBe(true);
      return;
    }
    const error = await listSerialPorts().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SerialPortListError);
    expect(error).toMatchObject({ udevMissing: true });
    expect(String((error as Error).message)).toMatch(/--device/);
  });
});

describe('SerialPortConnection over a real pty', () => {
  let pair: PtyPair;
  let connection: SerialPortConnection;
  beforeEach(async () => {
    pair = await openPtyPair();
    connection = new SerialPortConnection({ path: pair.path, pollIntervalMs: 50 });
  });
  afterEach(async () => {
    await connection.close();
    await pair.close();
  });

  it('counts a device path that disappears as a loss, even before a read fails', async () => {
    await connection.open();
    const lost = firstValueFrom(connection.disconnected$);
    await unlink(pair.path); // the device node goes (udev on unplug); the tty itself still answers
    const error = await lost;
    expect(error.disconnected).toBe(true);
    expect(connection.state).toBe('reconnecting');
    expect(connection.current).toBeUndefined();
  });

  it('reports a loss once and reopens when the path comes back', async () => {
    await connection.open();
    const losses: unknown[] = [];
    connection.disconnected$.subscribe((error) => losses.push(error));
    const reopened = firstValueFrom(connection.port$);
    await pair.unplug();
    await pair.replug();
    await reopened;
    expect(losses).toHaveLength(1);
    expect(connection.state).toBe('open');
  });
});
