import type { ModemDriver } from './modem-driver';

/** Quectel common ground: `+QCCID`, `+COPS?`, reset with `AT+CFUN=1,1`, `+QI*` sockets. */
const QUECTEL = {
  manufacturer: /quectel/i,
  iccid: { command: 'AT+QCCID', prefix: '+QCCID' },
  operator: { command: 'AT+COPS?', prefix: '+COPS' },
  resetCommand: 'AT+CFUN=1,1',
  registration: ['+CEREG', '+CGREG', '+CREG'],
  extendedSignal: true,
  sockets: 'quectel',
  // BG96 and EC2x GNSS AT manuals (`AT+QGPS`, `AT+QGPSLOC`).
  location: 'gnss',
  initExtras: [],
} as const;

/** Quectel BG96 (LTE-M / NB-IoT / EGPRS). */
export const QUECTEL_BG96: ModemDriver = {
  ...QUECTEL,
  name: 'quectel-bg96',
  description: 'Quectel BG96',
  usbIds: [{ vendorId: '2c7c', productId: '0296' }],
  model: /BG96/i,
};

/** Quectel EC21 (LTE Cat 1). */
export const QUECTEL_EC21: ModemDriver = {
  ...QUECTEL,
  name: 'quectel-ec21',
  description: 'Quectel EC21',
  usbIds: [{ vendorId: '2c7c', productId: '0121' }],
  model: /EC21/i,
};
