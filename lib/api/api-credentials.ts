import { InvalidArgumentError } from '../errors';
import { registerSecret } from '../logging';

/**
 * How REST calls authenticate: an organisation API key (sent as the `apikey` query parameter) or
 * the dashboard username and password (HTTP basic auth), as the Python SDK's `Api` does.
 */
export type APICredentials = { readonly apiKey: string } | { readonly username: string; readonly password: string };

/**
 * Checks `credentials` and registers the secret parts with the logger, so an API key or password
 * is redacted from every log line and CLI output. Throws `InvalidArgumentError` (never quoting a
 * secret) when neither a key nor a username and password are given.
 */
export function checkApiCredentials(credentials: unknown): APICredentials {
  const given = (credentials ?? {}) as Partial<Record<'apiKey' | 'username' | 'password', unknown>>;
  const text = (field: 'apiKey' | 'username' | 'password'): string | undefined => {
    const value = given[field];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new InvalidArgumentError(field, `${field} must be a string, got ${typeof value}`);
    return value;
  };
  const apiKey = text('apiKey');
  const username = text('username');
  const password = text('password');
  if (apiKey !== undefined) {
    if (username !== undefined || password !== undefined) {
      throw new InvalidArgumentError('credentials', 'give either apiKey or username and password, not both');
    }
    if (/\s/.test(apiKey)) throw new InvalidArgumentError('apiKey', 'apiKey contains white space: copy it again from the dashboard');
    registerSecret(apiKey);
    return { apiKey };
  }
  if (username !== undefined && password !== undefined) {
    registerSecret(password);
    return { username, password };
  }
  throw new InvalidArgumentError(
    'credentials',
    username === undefined && password === undefined
      ? 'the Hologram REST API needs an API key, or a username and password'
      : `a ${username === undefined ? 'password needs its username' : 'username needs its password'}`,
  );
}
