import { InvalidArgumentError } from '../errors';
import { registerSecret } from '../logging';
import { readOptions } from './api-arguments';

/**
 * How REST calls authenticate, both by HTTP Basic in the `Authorization` header (never in a URL):
 * an API key is sent as user `apikey` with the key as the password, as Hologram's REST
 * documentation describes; a dashboard username and password (the Python SDK's other way) as
 * themselves.
 */
export type APICredentials = { readonly apiKey: string } | { readonly username: string; readonly password: string };

/** The value of the `Authorization` header for `credentials`. */
export function authorizationHeader(credentials: APICredentials): string {
  const [user, password] = 'apiKey' in credentials ? ['apikey', credentials.apiKey] : [credentials.username, credentials.password];
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * Registers `secret` and the forms a server may echo it in (the Basic header's base64, the
 * percent-encoded text), so logs and errors redact each of them.
 */
function registerSecretForms(secret: string, header: string): void {
  registerSecret(secret);
  registerSecret(encodeURIComponent(secret));
  registerSecret(header);
  registerSecret(header.slice('Basic '.length));
}

/**
 * Checks `credentials` and registers the secret parts with the logger, so an API key or password
 * is redacted from every log line, error and CLI output. Throws `InvalidArgumentError` (never
 * quoting a secret) when neither a key nor a username and password are given.
 */
export function checkAPICredentials(credentials: unknown): APICredentials {
  if (credentials === null || typeof credentials !== 'object') {
    throw new InvalidArgumentError('credentials', 'the Hologram REST API needs credentials: { apiKey } or { username, password }');
  }
  const given = readOptions('credentials', credentials, ['apiKey', 'username', 'password']);
  const text = (field: 'apiKey' | 'username' | 'password'): string | undefined => {
    const value = given[field];
    if (value === undefined || value === '') return undefined;
    if (typeof value !== 'string') throw new InvalidArgumentError(field, `${field} must be a string, got ${typeof value}`);
    // Control characters cannot travel in a header: say so without quoting the value.
    if (/[\u0000-\u001f\u007f]/.test(value)) throw new InvalidArgumentError(field, `${field} contains a control character`);
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
    registerSecretForms(apiKey, authorizationHeader({ apiKey }));
    return { apiKey };
  }
  if (username !== undefined && password !== undefined) {
    // HTTP Basic joins them with a colon: a colon in the username would move it into the password.
    if (username.includes(':')) throw new InvalidArgumentError('username', `username must not contain ":", got ${JSON.stringify(username)}`);
    registerSecretForms(password, authorizationHeader({ username, password }));
    return { username, password };
  }
  throw new InvalidArgumentError(
    'credentials',
    username === undefined && password === undefined
      ? 'the Hologram REST API needs an API key, or a username and password'
      : `a ${username === undefined ? 'password needs its username' : 'username needs its password'}`,
  );
}
