import { InvalidArgumentError } from '../errors';
import { describeValue } from '../options/describe-value';

/**
 * What a port is for. A port to connect to, or one a modem listens on, must be a real port
 * (1..65535); only a host listener may ask for port 0, which the kernel reads as "any free port".
 * The two are separate rules so "any free port" is never accepted where it would mean nothing.
 */
export type PortUse = 'connect' | 'any-free';

/** Whether `value` is a port for `use`: an integer 1..65535, or 0..65535 with `'any-free'`. */
export function isPort(value: unknown, use: PortUse = 'connect'): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= (use === 'any-free' ? 0 : 1) && value <= 65535;
}

/** The rule in words, for error messages (the CLI words its own errors with it). */
export function portRule(use: PortUse = 'connect'): string {
  return use === 'any-free' ? 'a port number from 0 (any free port) to 65535' : 'a port number from 1 to 65535';
}

/** Checks a port to connect to or listen on (1..65535); throws an `InvalidArgumentError` naming the value. */
export function checkPort(argument: string, value: unknown): number {
  return checkPortFor('connect', argument, value);
}

/** Checks a port a host listener binds: 1..65535, or 0 for any free port the kernel picks. */
export function checkListenPort(argument: string, value: unknown): number {
  return checkPortFor('any-free', argument, value);
}

/**
 * Reads a port given as a number or as digits (a CLI argument, an environment variable) and checks
 * it for `use`; the error names the value as given.
 */
export function parsePort(value: unknown, argument = 'sendPort', use: PortUse = 'connect'): number {
  const port = typeof value === 'string' && /^[0-9]+$/.test(value.trim()) ? Number(value.trim()) : value;
  if (!isPort(port, use)) throw new InvalidArgumentError(argument, `${argument} must be ${portRule(use)}, got ${describeValue(value)}`);
  return port;
}

function checkPortFor(use: PortUse, argument: string, value: unknown): number {
  if (!isPort(value, use)) throw new InvalidArgumentError(argument, `${argument} must be ${portRule(use)}, got ${describeValue(value)}`);
  return value;
}
