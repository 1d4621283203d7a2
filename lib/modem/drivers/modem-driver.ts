import type { RegistrationFamily } from '../registration-status';

/**
 * What differs between modem models, as data: a driver is a plain object, picked once (from the
 * USB id or from `AT+CGMI`/`AT+CGMM`) and read by the generic code, so vendor differences live
 * here and nowhere else.
 */

/** A USB vendor:product id, lower-case hex without `0x` (as `SerialPort.list()` reports it). */
export interface USBId {
  readonly vendorId: string;
  readonly productId: string;
}

/** A command whose answer is one value, and how to find it in the response. */
export interface QueryCommand {
  /** The command line, e.g. `AT+CCID`. */
  readonly command: string;
  /** The response prefix, e.g. `+CCID`; undefined when the value is a bare line. */
  readonly prefix?: string;
}

/** An extra init command: `optional` ones may fail on a firmware that lacks them. */
export interface InitCommand {
  readonly command: string;
  readonly optional: boolean;
  /** What the step does, for logs and `ModemInitError`. */
  readonly purpose: string;
}

/**
 * Which socket commands the modem speaks for the AT-socket transports (`+USO*` or `+QI*`);
 * `undefined` for modems that only do PPP (Huawei sticks).
 */
export type SocketDialect = 'ublox' | 'quectel';

/**
 * How the modem finds where it is: u-blox CellLocate (`AT+ULOC`, answered by the `+UULOC` URC) or
 * Quectel GNSS (`AT+QGPS=1`, then `AT+QGPSLOC=2`); `undefined` for modems without either.
 */
export type LocationMethod = 'cell-locate' | 'gnss';

export interface ModemDriver {
  /** A short stable name: `ublox-sara-u201`, `quectel-bg96`, `generic`... */
  readonly name: string;
  /** Human readable: `u-blox SARA-U201`. */
  readonly description: string;
  readonly usbIds: readonly USBId[];
  /** `AT+CGMI` answers that belong to this driver (tested case-insensitively). */
  readonly manufacturer?: RegExp;
  /** `AT+CGMM` answers that belong to this driver. */
  readonly model?: RegExp;
  /** How to read the ICCID (`+CCID`, `+QCCID`, `^ICCID`). */
  readonly iccid: QueryCommand;
  /** How to read the operator (`+COPS?`, u-blox `+UDOPN=12`). */
  readonly operator: QueryCommand;
  /** Reboots the modem: `AT+CFUN=16` (u-blox) or `AT+CFUN=1,1`. */
  readonly resetCommand: string;
  /** Registration families whose URCs are enabled (`AT+CxREG=2`) and which are read; the first is required. */
  readonly registration: readonly RegistrationFamily[];
  /** Whether `AT+CESQ` is worth asking (LTE units). */
  readonly extendedSignal: boolean;
  readonly sockets?: SocketDialect;
  readonly location?: LocationMethod;
  /** Vendor commands run at the end of init. */
  readonly initExtras: readonly InitCommand[];
}
