import type { ModemDriver } from './modem-driver';

/**
 * Huawei USB sticks (E303, E372, MS2131): PPP only (no AT sockets), ICCID from `AT^ICCID?`. They
 * print `^RSSI`/`^MODE`/`^BOOT` status lines unasked; `AT^CURC=0` turns them off where supported.
 */
export const HUAWEI: ModemDriver = {
  name: 'huawei',
  description: 'Huawei E303/E372/MS2131',
  usbIds: [
    { vendorId: '12d1', productId: '1001' },
    { vendorId: '12d1', productId: '14c6' },
    { vendorId: '12d1', productId: '1506' },
  ],
  manufacturer: /huawei/i,
  model: /^(E3\d\d|MS2131|E1\d\d)/i,
  iccid: { command: 'AT^ICCID?', prefix: '^ICCID' },
  operator: { command: 'AT+COPS?', prefix: '+COPS' },
  resetCommand: 'AT+CFUN=1,1',
  registration: ['+CREG', '+CGREG'],
  extendedSignal: false,
  initExtras: [{ command: 'AT^CURC=0', optional: true, purpose: 'silence periodic status reports' }],
};
