import type { ModemDriver } from './modem-driver';

/** u-blox SARA common ground: `+CCID`, the operator name from `+UDOPN=12`, reset with `AT+CFUN=16`. */
const UBLOX = {
  manufacturer: /u-?blox/i,
  iccid: { command: 'AT+CCID', prefix: '+CCID' },
  operator: { command: 'AT+UDOPN=12', prefix: '+UDOPN' },
  resetCommand: 'AT+CFUN=16',
  sockets: 'ublox',
  // SARA-U2 and SARA-R4 AT manuals, "CellLocate and hybrid positioning".
  location: 'cell-locate',
  initExtras: [],
} as const;

/** Hologram Nova 3G: SARA-U201 (2G/3G, CREG + CGREG). */
export const UBLOX_SARA_U201: ModemDriver = {
  ...UBLOX,
  name: 'ublox-sara-u201',
  description: 'u-blox SARA-U201',
  usbIds: [
    { vendorId: '1546', productId: '1102' },
    { vendorId: '1546', productId: '1104' },
  ],
  model: /SARA-U2|LISA-U2/i,
  registration: ['+CREG', '+CGREG'],
  extendedSignal: false,
};

/** Hologram Nova LTE-M: SARA-R404/R410 (LTE, CREG + CEREG; it has no CGREG). */
export const UBLOX_SARA_R4: ModemDriver = {
  ...UBLOX,
  name: 'ublox-sara-r4',
  description: 'u-blox SARA-R404/R410',
  usbIds: [{ vendorId: '05c6', productId: '90b2' }],
  model: /SARA-R4/i,
  registration: ['+CEREG', '+CREG'],
  extendedSignal: true,
  // The R4 carries data on its LTE default bearer: only `+CGEV` tells that the network took it away.
  initExtras: [{ command: 'AT+CGEREP=1', optional: true, purpose: 'report PDN deactivation (+CGEV)' }],
};
