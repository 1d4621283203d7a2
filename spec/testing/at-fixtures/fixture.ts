import type { ModemSimulator, ModemSimulatorOptions } from '../../../lib/testing/modem-simulator';

/**
 * One row of a vendor's AT fixture table: what the host sends and what the module answers, with
 * the source of that answer (the vendor's AT manual or 3GPP 27.007/27.005; where those are silent,
 * what the module is documented to do elsewhere, said so). Each row runs on a fresh simulator with
 * echo off (`ATE0`) unless it asks for echo.
 */
export interface AtFixture {
  readonly title: string;
  readonly source: string;
  /** Models the row applies to; default every model of the table's vendor. */
  readonly models?: readonly string[];
  readonly options?: ModemSimulatorOptions;
  /** Keep the power-on echo (`ATE1`). */
  readonly echo?: boolean;
  readonly steps: readonly Step[];
}

export type Step =
  /** A command line and its whole answer (exact text, or a pattern for times and dates). */
  | readonly [command: string, answer: string | RegExp]
  /** A command that prompts (`> `), the body written after the prompt, and what follows the prompt. */
  | { readonly prompt: string; readonly body: string; readonly answer: string | RegExp }
  /** An unsolicited line that must come next. */
  | { readonly urc: string | RegExp }
  /** A change in the simulated world, or a check on what the simulator saw. */
  | { readonly act: (sim: ModemSimulator) => void }
  | { readonly sleepMs: number };

/** Verbose framing: information lines, then `OK`. */
export const ok = (...lines: string[]): string => (lines.length === 0 ? '\r\nOK\r\n' : `\r\n${lines.join('\r\n')}\r\n\r\nOK\r\n`);
export const error = '\r\nERROR\r\n';
export const cme = (code: number): string => `\r\n+CME ERROR: ${code}\r\n`;
export const cms = (code: number): string => `\r\n+CMS ERROR: ${code}\r\n`;

/** SMS-DELIVER from +31641600986, "How are you?", sent 2002-08-26 19:37:41 +00, SMSC +31624000000. */
export const DELIVER = '07911326040000F0040B911346610089F60000208062917314080CC8F71D14969741F977FD07';
/** SMS-SUBMIT to +46708251358, "hellohello", default SMSC: TPDU 23 octets. */
export const SUBMIT = '0011000B916407281553F80000AA0AE8329BFD4697D9EC37';
/** `Grüße ✓` as UCS2 hex, and `+15555550100` likewise (text mode under `AT+CSCS="UCS2"`). */
export const UCS2_TEXT = Buffer.from('Grüße ✓', 'utf16le').swap16().toString('hex').toUpperCase();
export const UCS2_NUMBER = Buffer.from('+15555550100', 'utf16le').swap16().toString('hex').toUpperCase();
