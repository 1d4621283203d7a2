import { InvalidArgumentError } from '../../errors';
import type { PhonebookMemory } from './modem-state';
import { QUECTEL_S_REGISTERS, UBLOX_S_REGISTERS, type SRegister } from './v250-profile';

/**
 * What makes one simulated modem differ from another, as data: identity, USB ids for detection,
 * the commands it lacks, its reset command, which registration family it reports and which socket
 * dialect it speaks. Values are those of real units (formats from the vendors' AT manuals); the
 * IMEI/ICCID/IMSI are made up but well-formed (Hologram ICCIDs start 8944, IMSIs 23450).
 */
export type ModemVendor = 'u-blox' | 'quectel';

export type RegistrationCommand = '+CREG' | '+CGREG' | '+CEREG';

export interface ModemIdentity {
  readonly manufacturer: string;
  readonly model: string;
  /** `AT+CGMR`. */
  readonly revision: string;
  /** `ATI9` (u-blox: modem and application versions). */
  readonly version: string;
  readonly imei: string;
  /** As the SIM reports it: may end with a filler `F`. */
  readonly iccid: string;
  readonly imsi: string;
}

export interface USBId {
  readonly vendorId: string;
  readonly productId: string;
}

export interface ModemPersonality {
  readonly vendor: ModemVendor;
  readonly model: string;
  readonly usbIds: readonly USBId[];
  readonly identity: ModemIdentity;
  /** Registration commands the model answers; `setRegistration` updates them all. */
  readonly registrationCommands: readonly RegistrationCommand[];
  /** `<AcT>` reported in `+CxREG`/`+COPS` (0 GSM, 2 UTRAN, 7 E-UTRAN, 8 E-UTRAN Cat-M1 on Quectel). */
  readonly accessTechnology: number;
  /** The command the SDK should use to reboot the modem. */
  readonly resetCommand: string;
  /** Which socket commands: u-blox `+USO*` or Quectel `+QI*`. */
  readonly socketDialect: ModemVendor;
  /**
   * u-blox 2G/3G units run their IP stack on an internal PDP profile (`+UPSD`/`+UPSDA`); LTE units
   * (R410) use the default EPS bearer, active as soon as they register.
   */
  readonly internalPDPProfile: boolean;
  /** Commands (as parsed names: `+CESQ`, `I9`) this model answers with `ERROR`. */
  readonly unsupported: readonly string[];
  readonly defaultCMEE: 0 | 1 | 2;
  /** First SMS storage index (u-blox numbers from 1, Quectel from 0) and the simulated capacities. */
  readonly smsFirstIndex: number;
  /** Messages the module's own memory ("ME") holds. */
  readonly smsCapacity: number;
  /** Messages the SIM ("SM") holds. */
  readonly smsSIMCapacity: number;
  /** `AT+CSCA?` before the host sets one (what a Hologram SIM carries). */
  readonly serviceCentre: string;
  /** `AT+CSCS` after power-on: u-blox `"IRA"`, Quectel `"GSM"` (their AT manuals). */
  readonly defaultCharset: 'GSM' | 'IRA' | 'UCS2';
  /**
   * Location service: u-blox CellLocate (`AT+ULOC`, SARA-U201), Quectel GNSS (`AT+QGPS`, BG96 and
   * EC21), or none (SARA-R410M-02B: its AT manual has no `+ULOC`).
   */
  readonly location: 'cell-locate' | 'gnss' | 'none';
  /** `AT+CBC` line: u-blox `+CBC: <bcs>,<bcl>`, Quectel adds the voltage in mV. */
  readonly batteryVoltage: boolean;
  /** Socket ids the modem hands out (u-blox) or accepts (Quectel): 0..maxSockets-1. */
  readonly maxSockets: number;
  /** Lines the modem prints when it has booted (Quectel: `RDY`). */
  readonly bootURCs: readonly string[];
  /** The S-registers `ATS` reads and sets (u-blox adds S2/S12: escape character and guard time). */
  readonly sRegisters: readonly SRegister[];
  /** Phone book memories (`AT+CPBS=?`, in that order) and their sizes. */
  readonly phonebooks: readonly (readonly [PhonebookMemory, number])[];
  /** Facilities `AT+CLCK=?` lists. */
  readonly lockFacilities: readonly string[];
  /** Facilities and password lengths `AT+CPWD=?` lists. */
  readonly passwordFacilities: readonly (readonly [string, number])[];
  /** `AT+CPAS=?`: the activity statuses the unit reports. */
  readonly activityStatuses: string;
  /** `AT+CIND=?`: indicator names and ranges, in the unit's order. */
  readonly indicators: readonly (readonly [string, string])[];
}

const BARRING = ['AO', 'OI', 'OX', 'AI', 'IR', 'AB', 'AG', 'AC'] as const;
const BARRING_PASSWORDS = BARRING.map((facility) => [facility, 4] as const);

const UBLOX_COMMON = {
  vendor: 'u-blox',
  socketDialect: 'u-blox',
  defaultCMEE: 0,
  smsFirstIndex: 1,
  smsCapacity: 50,
  smsSIMCapacity: 30,
  serviceCentre: '+447785016005',
  defaultCharset: 'IRA',
  batteryVoltage: false,
  maxSockets: 7,
  bootURCs: [],
  sRegisters: UBLOX_S_REGISTERS,
  phonebooks: [['SM', 250], ['FD', 10], ['LD', 10], ['DC', 10], ['RC', 10], ['MC', 10], ['ON', 4], ['EN', 5]],
  lockFacilities: ['SC', 'PS', 'FD', 'PN', 'PU', 'PP', 'PC', ...BARRING],
  passwordFacilities: [['SC', 8], ['P2', 8], ...BARRING_PASSWORDS],
  activityStatuses: '(0-5)',
  indicators: [
    ['battchg', '(0-5)'],
    ['signal', '(0-5)'],
    ['service', '(0,1)'],
    ['sounder', '(0,1)'],
    ['message', '(0,1)'],
    ['call', '(0,1)'],
    ['roam', '(0,1)'],
    ['smsfull', '(0,1)'],
    ['gprs', '(0-2)'],
    ['callsetup', '(0-3)'],
    ['callheld', '(0,1)'],
    ['simind', '(0-2)'],
  ],
} as const;

const QUECTEL_COMMON = {
  vendor: 'quectel',
  socketDialect: 'quectel',
  internalPDPProfile: false,
  defaultCMEE: 1,
  smsFirstIndex: 0,
  smsCapacity: 255,
  smsSIMCapacity: 30,
  serviceCentre: '+447785016005',
  defaultCharset: 'GSM',
  batteryVoltage: true,
  location: 'gnss',
  maxSockets: 12,
  resetCommand: 'AT+CFUN=1,1',
  bootURCs: ['RDY'],
  sRegisters: QUECTEL_S_REGISTERS,
  phonebooks: [['SM', 250], ['DC', 10], ['FD', 10], ['LD', 10], ['MC', 10], ['ME', 100], ['ON', 4], ['RC', 10], ['EN', 5]],
  lockFacilities: ['SC', ...BARRING, 'FD', 'PN', 'PU', 'PP', 'PC'],
  passwordFacilities: [['SC', 8], ['P2', 8], ...BARRING_PASSWORDS],
  activityStatuses: '(0,3,4)',
  indicators: [
    ['battchg', '(0-5)'],
    ['signal', '(0-5)'],
    ['service', '(0-1)'],
    ['call', '(0-1)'],
    ['roam', '(0-1)'],
    ['smsfull', '(0-1)'],
    ['GPRS coverage', '(0-1)'],
    ['callsetup', '(0-3)'],
  ],
} as const;

// Quectel's manuals give flow control as `AT+IFC`, not `AT&K`; the ICCID as `AT+QCCID` only (the
// BG96 and EC25/EC21 AT manuals, "(U)SIM related commands": no `AT+CCID`).
const QUECTEL_ONLY = ['+QCCID', '+QGPS', '+QGPSLOC', '+QGPSEND', '+QICSGP', '+QIACT', '+QIDEACT', '+QIOPEN', '+QISEND', '+QISENDEX', '+QIRD', '+QICLOSE'];
const UBLOX_ONLY = ['&K', '+CCID', '+ULOC', '+ULOCCELL', '+UUSBCONF', '+UDOPN', '+UPSD', '+UPSDA', '+UPSND', '+UDCONF', '+USOCR', '+USOCO', '+USOWR', '+USORD', '+USOCL', '+USOLI'];

export const SARA_U201: ModemPersonality = {
  ...UBLOX_COMMON,
  model: 'SARA-U201',
  usbIds: [
    { vendorId: '1546', productId: '1102' },
    { vendorId: '1546', productId: '1104' },
  ],
  identity: {
    manufacturer: 'u-blox',
    model: 'SARA-U201',
    revision: '23.60',
    version: '23.60,A01.01',
    imei: '357520070000011',
    iccid: '8944500102198304826F',
    imsi: '234507097123456',
  },
  registrationCommands: ['+CREG', '+CGREG'],
  accessTechnology: 2,
  resetCommand: 'AT+CFUN=16',
  internalPDPProfile: true,
  location: 'cell-locate',
  unsupported: ['+CEREG', '+CESQ', ...QUECTEL_ONLY],
};

export const SARA_R410: ModemPersonality = {
  ...UBLOX_COMMON,
  model: 'SARA-R410M-02B',
  usbIds: [{ vendorId: '05c6', productId: '90b2' }],
  identity: {
    manufacturer: 'u-blox',
    model: 'SARA-R410M-02B',
    revision: 'L0.0.00.00.05.08 [Apr 17 2019 19:34:02]',
    version: 'L0.0.00.00.05.08,A.02.04',
    imei: '352753090000022',
    iccid: '8944500102198304834F',
    imsi: '234507097123457',
  },
  registrationCommands: ['+CREG', '+CEREG'],
  accessTechnology: 7,
  resetCommand: 'AT+CFUN=16',
  internalPDPProfile: false,
  // The SARA-R4 AT manual (UBX-17003787, "CellLocate and hybrid positioning") lists +ULOC for the
  // R410M-02B; the Python SDK's NovaM declines it all the same. No `+UUSBCONF` on SARA-R4.
  location: 'cell-locate',
  unsupported: ['+CGREG', '+UPSD', '+UPSDA', '+UPSND', '+UUSBCONF', ...QUECTEL_ONLY],
};

export const BG96: ModemPersonality = {
  ...QUECTEL_COMMON,
  model: 'BG96',
  usbIds: [{ vendorId: '2c7c', productId: '0296' }],
  identity: {
    manufacturer: 'Quectel',
    model: 'BG96',
    revision: 'BG96MAR02A07M1G',
    version: 'BG96MAR02A07M1G',
    imei: '866425030000033',
    iccid: '89445001021983048425',
    imsi: '234507097123458',
  },
  registrationCommands: ['+CREG', '+CGREG', '+CEREG'],
  accessTechnology: 8,
  unsupported: UBLOX_ONLY,
};

export const EC21: ModemPersonality = {
  ...QUECTEL_COMMON,
  model: 'EC21',
  usbIds: [{ vendorId: '2c7c', productId: '0121' }],
  identity: {
    manufacturer: 'Quectel',
    model: 'EC21',
    revision: 'EC21EFAR06A03M4G',
    version: 'EC21EFAR06A03M4G',
    imei: '861107030000044',
    iccid: '89445001021983048433',
    imsi: '234507097123459',
  },
  registrationCommands: ['+CREG', '+CGREG', '+CEREG'],
  accessTechnology: 7,
  unsupported: UBLOX_ONLY,
};

export const MODEM_PERSONALITIES: readonly ModemPersonality[] = [SARA_U201, SARA_R410, BG96, EC21];

/**
 * The personality for a vendor and optional model (`SARA-U201`, `SARA-R410M-02B`, `R410`, `BG96`,
 * `EC21`; case-insensitive, a unique prefix or suffix of the model name is enough). Without a model:
 * the vendor's first unit (SARA-U201, BG96).
 */
export function findPersonality(vendor: ModemVendor, model?: string): ModemPersonality {
  const candidates = MODEM_PERSONALITIES.filter((p) => p.vendor === vendor);
  if (candidates.length === 0) throw new InvalidArgumentError('vendor', `unknown modem vendor "${vendor}"`);
  if (model === undefined) return candidates[0];
  const wanted = model.toUpperCase();
  const matches = candidates.filter((p) => {
    const name = p.model.toUpperCase();
    return name === wanted || name.startsWith(wanted) || name.includes(`-${wanted}`);
  });
  if (matches.length !== 1) {
    throw new InvalidArgumentError(
      'model',
      `unknown ${vendor} model "${model}" (known: ${candidates.map((p) => p.model).join(', ')})`,
    );
  }
  return matches[0];
}
