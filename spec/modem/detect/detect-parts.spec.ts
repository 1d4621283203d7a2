import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { groupByIMEI } from '../../../lib/modem/detect/detected-modem';
import { portCandidates } from '../../../lib/modem/detect/port-candidates';
import { scanSerialPorts } from '../../../lib/modem/detect/serial-port-scan';

const U201 = { vendorId: '1546', productId: '1102' };
const BG96 = { vendorId: '2c7c', productId: '0296' };
const FTDI = { vendorId: '0403', productId: '6001' };

describe('portCandidates', () => {
  it('puts given paths first, then known modem ports in numeric order, then ports of unknown USB id', () => {
    const candidates = portCandidates(
      [
        { path: '/dev/ttyUSB10', vendorId: '2C7C', productId: '0296' },
        { path: '/dev/ttyS0' },
        { path: '/dev/ttyUSB2', ...BG96 },
      ],
      [{ path: '/dev/ttyACM1' }, { path: '/dev/ttyACM0', usbId: U201 }, { path: '/dev/ttyUSB2', usbId: BG96 }],
      ['/dev/pts/7'],
    );
    expect(candidates.map((c) => [c.path, c.driver?.name])).toEqual([
      ['/dev/pts/7', undefined],
      ['/dev/ttyACM0', 'ublox-sara-u201'],
      ['/dev/ttyUSB2', 'quectel-bg96'],
      ['/dev/ttyUSB10', 'quectel-bg96'],
      ['/dev/ttyACM1', undefined],
    ]);
  });

  it('leaves alone a port whose USB id is not a modem, listed or scanned, unless the caller names it', () => {
    const listed = [{ path: '/dev/ttyUSB0', vendorId: FTDI.vendorId, productId: FTDI.productId }];
    expect(portCandidates(listed, [{ path: '/dev/ttyUSB1', usbId: FTDI }])).toEqual([]);
    expect(portCandidates(listed, [], ['/dev/ttyUSB0']).map((c) => c.path)).toEqual(['/dev/ttyUSB0']);
  });

  it('keeps what the listing knows of a path that is also given', () => {
    expect(portCandidates([{ path: '/dev/ttyUSB2', ...BG96 }], [], ['/dev/ttyUSB2'])).toEqual([
      { path: '/dev/ttyUSB2', usbId: BG96, driver: expect.objectContaining({ name: 'quectel-bg96' }) },
    ]);
  });

  it('has nothing to probe in nothing', () => {
    expect(portCandidates([], [], [])).toEqual([]);
  });
});

describe('groupByIMEI', () => {
  it('counts the ports of one modem once, first port first, and picks each driver from the model', () => {
    const modems = groupByIMEI([
      { path: '/dev/ttyUSB2', usbId: BG96, imei: '866425030000001', manufacturer: 'Quectel', model: 'BG96' },
      { path: '/dev/ttyACM0', imei: '352753090000011', manufacturer: 'u-blox', model: 'SARA-U201' },
      { path: '/dev/ttyUSB3', imei: '866425030000001', manufacturer: 'Quectel', model: 'BG96' },
    ]);
    expect(modems.map((m) => [m.path, m.paths, m.imei, m.driver.name, m.usbId])).toEqual([
      ['/dev/ttyUSB2', ['/dev/ttyUSB2', '/dev/ttyUSB3'], '866425030000001', 'quectel-bg96', BG96],
      ['/dev/ttyACM0', ['/dev/ttyACM0'], '352753090000011', 'ublox-sara-u201', undefined],
    ]);
  });

  it('keeps ports without an IMEI apart, and takes a later port USB id when the first had none', () => {
    const modems = groupByIMEI([
      { path: 'a', imei: '1' },
      { path: 'b' },
      { path: 'c' },
      { path: 'd', imei: '1', usbId: U201 },
    ]);
    expect(modems.map((m) => [m.paths, m.usbId])).toEqual([
      [['a', 'd'], U201],
      [['b'], undefined],
      [['c'], undefined],
    ]);
    expect(modems[1].driver.name).toBe('generic');
  });
});

describe('scanSerialPorts (no udev: the device directory, by-id names and sysfs)', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'hologram-scan-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('finds USB ttys once each (by-id links resolved), in numeric order, with the USB id sysfs gives', async () => {
    const dev = join(root, 'dev');
    const byId = join(dev, 'serial', 'by-id');
    const sys = join(root, 'sys');
    mkdirSync(byId, { recursive: true });
    for (const name of ['ttyUSB10', 'ttyUSB2', 'ttyACM0', 'ttyS0', 'null']) writeFileSync(join(dev, name), '');
    symlinkSync(join(dev, 'ttyUSB2'), join(byId, 'usb-Quectel_BG96-if02-port0'));
    // A tty outside the device directory, reachable only by its by-id name.
    writeFileSync(join(root, 'ttyUSB7'), '');
    symlinkSync(join(root, 'ttyUSB7'), join(byId, 'usb-Other-if00'));
    // sysfs: class/tty/<tty>/device -> the USB interface; its parent holds idVendor/idProduct.
    const usbDevice = join(sys, 'devices', 'usb1', '1-1');
    mkdirSync(join(usbDevice, '1-1:1.2'), { recursive: true });
    writeFileSync(join(usbDevice, 'idVendor'), '2c7c\n');
    writeFileSync(join(usbDevice, 'idProduct'), '0296\n');
    mkdirSync(join(sys, 'class', 'tty', 'ttyUSB2'), { recursive: true });
    symlinkSync(join(usbDevice, '1-1:1.2'), join(sys, 'class', 'tty', 'ttyUSB2', 'device'));

    const ports = await scanSerialPorts({ devDirectory: dev, byIdDirectory: byId, sysfsTtyDirectory: join(sys, 'class', 'tty') });
    expect(ports).toEqual([
      { path: join(dev, 'ttyACM0') },
      { path: join(dev, 'ttyUSB2'), usbId: { vendorId: '2c7c', productId: '0296' } },
      { path: join(dev, 'ttyUSB10') },
      { path: join(root, 'ttyUSB7') },
    ]);
  });

  it('finds nothing, without failing, where the directories do not exist', async () => {
    const missing = join(root, 'missing');
    await expect(scanSerialPorts({ devDirectory: missing, byIdDirectory: missing, sysfsTtyDirectory: missing })).resolves.toEqual([]);
  });
});
