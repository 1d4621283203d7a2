import { inspect } from 'node:util';
import { Credentials, InvalidCredentialsError } from '../../lib/cloud/credentials';
import { InvalidArgumentError } from '../../lib/errors';
import { redact } from '../../lib/logging';

describe('Credentials', () => {
  it('joins cloud id and cloud key into the device key', () => {
    const credentials = new Credentials('abcd', 'efgh');
    expect(credentials.deviceKey).toBe('abcdefgh');
    expect(credentials.hasDeviceKey).toBe(true);
  });

  it('may be empty (tcp-other needs none)', () => {
    const credentials = new Credentials();
    expect(credentials.deviceKey).toBe('');
    expect(credentials.hasDeviceKey).toBe(false);
  });

  it('splits a device key', () => {
    const credentials = Credentials.fromDeviceKey('wxyz1234');
    expect([credentials.cloudId, credentials.cloudKey]).toEqual(['wxyz', '1234']);
  });

  it.each([
    ['cloud id of 3', () => new Credentials('abc', 'efgh'), 'cloudId', 3],
    ['cloud key of 5', () => new Credentials('abcd', 'efghi'), 'cloudKey', 5],
    ['device key of 7', () => Credentials.fromDeviceKey('abcdefg'), 'deviceKey', 7],
    ['set cloud id of 2', () => (new Credentials().cloudId = 'ab'), 'cloudId', 2],
    ['set cloud key of 6', () => (new Credentials().cloudKey = 'abcdef'), 'cloudKey', 6],
  ])('refuses a %s, naming field and length but not the value', (_name, make, field, length) => {
    let error: unknown;
    try {
      make();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidCredentialsError);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    const typed = error as InvalidCredentialsError;
    expect(typed.field).toBe(field);
    expect(typed.actualLength).toBe(length);
    expect(typed.message).toContain(field);
    expect(typed.message).toContain(`got ${length}`);
    expect(typed.message).not.toMatch(/abc|efgh/);
  });

  it('validates on set and keeps the old value when refused', () => {
    const credentials = new Credentials('abcd', 'efgh');
    expect(() => (credentials.cloudKey = 'xy')).toThrow(InvalidCredentialsError);
    expect(credentials.deviceKey).toBe('abcdefgh');
    credentials.cloudId = 'ijkl';
    expect(credentials.deviceKey).toBe('ijklefgh');
  });

  it('registers the device key for redaction and never prints it', () => {
    const credentials = new Credentials('q7r8', 's9t0');
    expect(redact('key q7r8s9t0 here')).not.toContain('q7r8s9t0');
    expect(JSON.stringify(credentials)).not.toContain('s9t0');
    expect(inspect(credentials)).not.toContain('s9t0');
    expect(String(credentials)).not.toContain('s9t0');
  });
});
