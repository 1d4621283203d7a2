import { InvalidArgumentError } from '../../errors';

/**
 * Checks of what goes inside AT socket commands. Hosts and APNs are written between double quotes:
 * a quote, a control character or an overlong value would break (or inject into) the command line.
 */
const HOST = /^[A-Za-z0-9._:\-[\]]{1,253}$/;

export function validateHost(host: unknown): string {
  if (typeof host !== 'string' || !HOST.test(host)) {
    throw new InvalidArgumentError('host', `host must be a host name or IP address (letters, digits, ".", "-", ":"), got ${JSON.stringify(host)}`);
  }
  return host;
}

export function validatePort(port: unknown, argument = 'port'): number {
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new InvalidArgumentError(argument, `${argument} must be an integer 1..65535, got ${String(port)}`);
  }
  return port;
}

export function validateTimeout(value: unknown, argument: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError(argument, `${argument} must be a positive number of milliseconds, got ${String(value)}`);
  }
  return value;
}

