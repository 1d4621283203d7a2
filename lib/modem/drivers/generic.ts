import type { ModemDriver } from './modem-driver';

/** Any 3GPP modem: standard commands only. Used when nothing more specific matches. */
export const GENERIC_3GPP: ModemDriver = {
  name: 'generic',
  description: 'generic 3GPP modem',
  usbIds: [],
  iccid: { command: 'AT+CCID', prefix: '+CCID' },
  operator: { command: 'AT+COPS?', prefix: '+COPS' },
  resetCommand: 'AT+CFUN=1,1',
  registration: ['+CREG', '+CGREG', '+CEREG'],
  extendedSignal: false,
  initExtras: [],
};
