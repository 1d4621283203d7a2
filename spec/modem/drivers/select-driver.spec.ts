import {
  GENERIC_3GPP,
  HUAWEI,
  MODEM_DRIVERS,
  QUECTEL_BG96,
  QUECTEL_EC21,
  UBLOX_SARA_R4,
  UBLOX_SARA_U201,
  parseICCID,
  queryValue,
  selectDriver,
} from '../../../lib/modem/drivers';
import { modemCandidates } from '../../../lib/modem/modem-detect';
import { driverSteps } from '../../../lib/modem/modem-init';
import { MODEM_PERSONALITIES } from '../../../lib/testing/modem-simulator';

describe('selectDriver', () => {
  it.each([
    [{ usbId: { vendorId: '1546', productId: '1102' } }, UBLOX_SARA_U201],
    [{ usbId: { vendorId: '1546', productId: '1104' } }, UBLOX_SARA_U201],
    [{ usbId: { vendorId: '05C6', productId: '90B2' } }, UBLOX_SARA_R4],
    [{ usbId: { vendorId: '2c7c', productId: '0296' } }, QUECTEL_BG96],
    [{ usbId: { vendorId: '2c7c', productId: '0121' } }, QUECTEL_EC21],
    [{ usbId: { vendorId: '12d1', productId: '1001' } }, HUAWEI],
    [{ usbId: { vendorId: '12d1', productId: '14c6' } }, HUAWEI],
    [{ usbId: { vendorId: '12d1', productId: '1506' } }, HUAWEI],
    [{ manufacturer: 'u-blox', model: 'SARA-U201' }, UBLOX_SARA_U201],
    [{ manufacturer: 'u-blox', model: 'SARA-R410M-02B' }, UBLOX_SARA_R4],
    [{ manufacturer: 'u-blox', model: 'SARA-R404M' }, UBLOX_SARA_R4],
    [{ manufacturer: 'Quectel', model: 'BG96' }, QUECTEL_BG96],
    [{ manufacturer: 'Quectel', model: 'EC21' }, QUECTEL_EC21],
    [{ manufacturer: 'huawei', model: 'E303' }, HUAWEI],
    [{ manufacturer: 'Huawei Technologies', model: 'MS2131' }, HUAWEI],
    // The model wins over a USB id shared by other models.
    [{ usbId: { vendorId: '05c6', productId: '90b2' }, manufacturer: 'Quectel', model: 'BG96' }, QUECTEL_BG96],
    // Manufacturer alone: that vendor's first driver.
    [{ manufacturer: 'Quectel', model: 'EG25' }, QUECTEL_BG96],
    [{ manufacturer: 'SIMCOM', model: 'SIM7600' }, GENERIC_3GPP],
    [{}, GENERIC_3GPP],
    [{ usbId: { vendorId: 'ffff', productId: '0001' } }, GENERIC_3GPP],
  ])('%j → driver', (hints, driver) => {
    expect(selectDriver(hints)).toBe(driver);
  });

  it('agrees with every simulated personality on driver facts', () => {
    for (const personality of MODEM_PERSONALITIES) {
      const driver = selectDriver({ manufacturer: personality.identity.manufacturer, model: personality.identity.model });
      expect(driver.resetCommand).toBe(personality.resetCommand);
      for (const id of personality.usbIds) expect(selectDriver({ usbId: id })).toBe(driver);
      // Every registration family the driver enables is one the model answers.
      for (const family of driver.registration) expect(personality.unsupported).not.toContain(family);
      expect(personality.unsupported).not.toContain(driver.iccid.command.replace(/^AT/, '').replace(/[=?].*$/, ''));
    }
  });

  it('keeps driver names unique and the first registration family required', () => {
    expect(new Set(MODEM_DRIVERS.map((d) => d.name)).size).toBe(MODEM_DRIVERS.length);
    const steps = driverSteps(UBLOX_SARA_R4);
    expect(steps.filter((s) => s.command.endsWith('REG=2'))).toEqual([
      { command: 'AT+CEREG=2', purpose: 'registration URCs (+CEREG)', optional: false },
      { command: 'AT+CREG=2', purpose: 'registration URCs (+CREG)', optional: true },
    ]);
    expect(driverSteps(HUAWEI).at(-1)).toEqual({ command: 'AT^CURC=0', optional: true, purpose: 'silence periodic status reports' });
  });
});

describe('ICCID', () => {
  const response = (...lines: string[]) => ({ command: 'x', lines, final: 'OK' });
  it.each([
    [UBLOX_SARA_U201.iccid, ['+CCID: 8944500102198304826F'], '8944500102198304826'],
    [QUECTEL_BG96.iccid, ['+QCCID: 89445001021983048425'], '89445001021983048425'],
    [HUAWEI.iccid, ['^ICCID: "8944500102198304826F"'], '8944500102198304826'],
    [UBLOX_SARA_U201.iccid, ['8944500102198304826F'], '8944500102198304826'],
    [UBLOX_SARA_U201.iccid, ['+CCID: 894450010219830FFF'], undefined],
    [UBLOX_SARA_U201.iccid, [], undefined],
    [UBLOX_SARA_U201.iccid, ['+CCID: SIM not inserted'], undefined],
  ])('%j %j → %p', (query, lines, expected) => {
    expect(parseICCID(queryValue(response(...lines), query))).toBe(expected);
  });
});

describe('modemCandidates', () => {
  it('keeps known USB ids, sorted by path with numbers in order', () => {
    const candidates = modemCandidates([
      { path: '/dev/ttyS0' },
      { path: '/dev/ttyUSB10', vendorId: '2C7C', productId: '0296' },
      { path: '/dev/ttyUSB2', vendorId: '2c7c', productId: '0296' },
      { path: '/dev/ttyACM0', vendorId: '1546', productId: '1102' },
      { path: '/dev/ttyUSB9', vendorId: '0403', productId: '6001' },
    ]);
    expect(candidates.map((c) => [c.path, c.driver?.name])).toEqual([
      ['/dev/ttyACM0', 'ublox-sara-u201'],
      ['/dev/ttyUSB2', 'quectel-bg96'],
      ['/dev/ttyUSB10', 'quectel-bg96'],
    ]);
    expect(candidates[2].usbId).toEqual({ vendorId: '2c7c', productId: '0296' });
  });
});
