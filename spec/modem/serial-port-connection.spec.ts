import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InvalidArgumentError } from '../../lib/errors';
import { listSerialPorts, SerialPortConnection, SerialPortListError, SerialPortOpenError } from '../../lib/modem/serial-port-connection';

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
    await connection.dispose();
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
