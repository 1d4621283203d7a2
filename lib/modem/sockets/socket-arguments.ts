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
