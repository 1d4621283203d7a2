import createDebug from 'debug';
import { format } from 'node:util';

/**
 * Logging through `debug` namespaces (`hologram:cloud`, `hologram:at`, ...), enabled with
 * `DEBUG=hologram:*`. Every line is formatted here and passed through `redact()` before it reaches
 * `debug`, so a device key registered with `registerSecret()` can never appear in a log line,
 * whatever a caller interpolates.
 */

const REDACTED = '********';

/** Secrets known to this process. Process-wide on purpose: a secret is a secret for every logger. */
const secrets = new Set<string>();

/** Marks a value (a device key) that must never be printed. Empty values are ignored. */
export function registerSecret(secret: string): void {
  if (secret.length > 0) secrets.add(secret);
}

/** Replaces every registered secret in `text` with asterisks. */
export function redact(text: string): string {
  let result = text;
  for (const secret of secrets) result = result.split(secret).join(REDACTED);
  return result;
}

export type Logger = ((formatter: string, ...args: unknown[]) => void) & { readonly enabled: boolean };

/**
 * A logger for `hologram:<area>`. While the namespace is disabled a call costs a check and
 * nothing else: the arguments are read from `arguments` only when enabled, so no rest array is
 * made for the many calls on the way of every message.
 */
export function logger(area: string): Logger {
  const debug = createDebug(`hologram:${area}`);
  function log(formatter: string): void {
    if (!debug.enabled) return;
    // eslint-disable-next-line prefer-rest-params
    const args: unknown[] = Array.prototype.slice.call(arguments, 1);
    debug('%s', redact(format(formatter, ...args)));
  }
  return Object.defineProperty(log, 'enabled', { get: () => debug.enabled }) as Logger;
}
