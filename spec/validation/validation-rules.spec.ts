import { InvalidArgumentError } from '../../lib/errors';
import { checkContextId, MAX_CONTEXT_ID } from '../../lib/validation/context-id';
import { checkCount } from '../../lib/validation/count';
import { checkBoundedDuration, checkLongDuration, checkTimeout, MAX_TIMER_MS } from '../../lib/validation/duration';
import { checkListenPort, checkPort, isPort, parsePort } from '../../lib/validation/port';

/** Runs `check`, expecting an `InvalidArgumentError` for `argument` whose message matches `message`. */
function refused(check: () => unknown, argument: string, message: RegExp): void {
  let caught: unknown;
  try {
    check();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidArgumentError);
  expect((caught as InvalidArgumentError).argument).toBe(argument);
  expect((caught as Error).message).toMatch(message);
}

describe('port rule', () => {
  it.each([1, 80, 65535])('accepts %p to connect to and to listen on', (port) => {
    expect(checkPort('sendPort', port)).toBe(port);
    expect(checkListenPort('port', port)).toBe(port);
  });

  it('accepts 0 (any free port) only where a listener means it', () => {
    expect(checkListenPort('port', 0)).toBe(0);
    expect(isPort(0)).toBe(false);
    refused(() => checkPort('sendPort', 0), 'sendPort', /^sendPort must be a port number from 1 to 65535, got 0$/);
  });

  it.each([-1, 65536, 1.5, Number.NaN, Infinity, '80', null, undefined, 10n])('refuses %p, naming it', (port) => {
    refused(() => checkPort('sendPort', port), 'sendPort', /sendPort must be a port number from 1 to 65535, got /);
    refused(() => checkListenPort('port', port), 'port', /port must be a port number from 0 \(any free port\) to 65535, got /);
  });

  it('reads digits, and names the value as given when it is bad', () => {
    expect(parsePort(' 4010 ', '--port')).toBe(4010);
    expect(parsePort('0', '--port', 'any-free')).toBe(0);
    refused(() => parsePort('0', '--port'), '--port', /--port must be a port number from 1 to 65535, got "0"/);
    refused(() => parsePort('80x', '--port'), '--port', /got "80x"/);
    refused(() => parsePort('70000', '--port', 'any-free'), '--port', /from 0 \(any free port\) to 65535, got "70000"/);
  });
});

describe('PDP context id rule', () => {
  it.each([1, 3, MAX_CONTEXT_ID])('accepts %p', (id) => expect(checkContextId('contextId', id)).toBe(id));

  it.each([0, 17, 24, 1.5, -1, '1', undefined])('refuses %p, naming it', (id) => {
    refused(() => checkContextId('contextId', id), 'contextId', /^contextId must be a PDP context id from 1 to 16, got /);
  });
});

describe('duration rules', () => {
  it('bounded: from 0, or above 0 with positive, up to the longest timer', () => {
    expect(checkBoundedDuration('stopTimeoutMs', 0)).toBe(0);
    expect(checkBoundedDuration('delayMs', MAX_TIMER_MS, { positive: true })).toBe(MAX_TIMER_MS);
    refused(() => checkBoundedDuration('delayMs', 0, { positive: true }), 'delayMs', /above 0 up to 2147483647 .* got 0$/);
    refused(() => checkBoundedDuration('delayMs', MAX_TIMER_MS + 1), 'delayMs', /got 2147483648$/);
    refused(() => checkBoundedDuration('--timeout', 2_147_484, { unit: 's' }), '--timeout', /seconds from 0 up to 2147483 .* got 2147484$/);
    refused(() => checkBoundedDuration('delayMs', Number.NaN), 'delayMs', /got NaN$/);
  });

  it('timeout: absent, or a positive bounded duration', () => {
    expect(checkTimeout('timeoutMs', undefined)).toBeUndefined();
    expect(checkTimeout('timeoutMs', 1)).toBe(1);
    refused(() => checkTimeout('timeoutMs', 0), 'timeoutMs', /timeoutMs must be a number of milliseconds above 0 .* got 0$/);
    refused(() => checkTimeout('timeoutMs', '5'), 'timeoutMs', /got "5"$/);
  });

  it('long: any finite size above 0', () => {
    expect(checkLongDuration('periodMs', 40 * 24 * 3600_000)).toBe(40 * 24 * 3600_000);
    for (const bad of [0, -1, Infinity, Number.NaN, '10']) {
      refused(() => checkLongDuration('periodMs', bad), 'periodMs', /^periodMs must be a finite number of milliseconds above 0, got /);
    }
  });
});

describe('count rule', () => {
  it('accepts whole numbers from 1 (or from min), and Infinity only when unlimited', () => {
    expect(checkCount('concurrency', 1)).toBe(1);
    expect(checkCount('overageLimit', -1, { min: -1 })).toBe(-1);
    expect(checkCount('maxMessages', Infinity, { unlimited: true })).toBe(Infinity);
    refused(() => checkCount('maxMessages', Infinity), 'maxMessages', /^maxMessages must be a whole number from 1, got Infinity$/);
  });

  it.each([0, -3, 1.5, Number.NaN, '2', null, 2 ** 53])('refuses %p, naming it', (count) => {
    refused(() => checkCount('maxMessages', count, { unlimited: true }), 'maxMessages', /^maxMessages must be a whole number from 1 or Infinity, got /);
  });
});
