import { commandName } from './at-args';

/** Timeout of commands not in the table: most commands answer within a second. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 5000;

/**
 * Slow commands, from the vendors' "maximum response time" columns (u-blox SARA-U2/R4, Quectel BG96,
 * 27.007). Keyed by command name; a value covers the whole command including a prompt and body.
 */
export const SLOW_COMMAND_TIMEOUTS_MS: Readonly<Record<string, number>> = {
  '+COPS': 180_000, // network scan (`=?`) and manual selection take minutes
  '+CGATT': 180_000,
  '+CGACT': 150_000,
  '+CFUN': 180_000, // radio power cycle; R410 answers after up to 3 minutes
  '+CMGS': 120_000, // until the network acknowledges the SMS
  '+CMSS': 120_000,
  '+CMGL': 30_000,
  '+CMGD': 30_000,
  '+CUSD': 60_000,
  '+USOCO': 130_000, // R410: up to 120 s to connect a socket
  '+USOCL': 120_000,
  '+USOWR': 120_000,
  '+USOST': 120_000,
  '+UPSDA': 180_000,
  '+UDNSRN': 70_000,
  '+ULOC': 180_000,
  '+QIACT': 150_000,
  '+QIDEACT': 40_000,
  '+QIOPEN': 150_000,
  '+QICLOSE': 30_000,
  '+QISEND': 60_000,
  '+QPING': 60_000,
  '+QIDNSGIP': 60_000,
};

/** Timeout of a command: the caller's table (by name), then the slow table, then the default. */
export function commandTimeoutMs(
  command: string,
  overrides: Readonly<Record<string, number>> = {},
  defaultMs: number = DEFAULT_COMMAND_TIMEOUT_MS,
): number {
  const trimmed = command.trim().toUpperCase();
  if (/^ATD/.test(trimmed)) return overrides.D ?? 60_000;
  const name = commandName(command);
  if (name === undefined) return defaultMs;
  return overrides[name] ?? SLOW_COMMAND_TIMEOUTS_MS[name] ?? defaultMs;
}
