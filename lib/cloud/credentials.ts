import { InvalidArgumentError } from '../errors';
import { registerSecret } from '../logging';

/** Which part of the credentials was rejected. */
export type CredentialsField = 'cloudId' | 'cloudKey' | 'deviceKey';

/**
 * A credential of the wrong length. Carries the field and the length it got, never the value: a
 * wrong key is still most of a secret.
 */
export class InvalidCredentialsError extends InvalidArgumentError {
  constructor(
    readonly field: CredentialsField,
    readonly expectedLength: number,
    readonly actualLength: number,
  ) {
    super(
      field,
      `${field} must be ${expectedLength} characters${field === 'deviceKey' ? '' : ' or empty'}, got ${actualLength}: ` +
        'copy it from the device page of the Hologram dashboard',
    );
  }
}

/** Sending to the Hologram cloud was asked for while no device key is set. */
export class MissingCredentialsError extends InvalidArgumentError {
  constructor(what: string) {
    super(
      'credentials',
      `${what} needs a device key: set credentials with a cloud id and cloud key (4 characters each) or a device key (8 characters)`,
    );
  }
}

const PART_LENGTH = 4;
const DEVICE_KEY_LENGTH = PART_LENGTH * 2;

function checkPart(field: 'cloudId' | 'cloudKey', value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(field, `${field} must be a string, got ${typeof value}`);
  }
  if (value.length !== 0 && value.length !== PART_LENGTH) {
    throw new InvalidCredentialsError(field, PART_LENGTH, value.length);
  }
  return value;
}

/**
 * The device's cloud credentials: a 4-character cloud id and a 4-character cloud key, which together
 * (id first) form the 8-character device key the cloud authenticates with. Either part may be empty
 * (`tcp-other` needs none). Every complete device key is registered with the logger so it is
 * redacted from every log line, and the object never prints its values.
 */
export class Credentials {
  #cloudId = '';
  #cloudKey = '';

  constructor(cloudId?: string, cloudKey?: string) {
    this.#cloudId = checkPart('cloudId', cloudId);
    this.#cloudKey = checkPart('cloudKey', cloudKey);
    this.#registerKey();
  }

  /** Credentials from an 8-character device key (cloud id + cloud key). */
  static fromDeviceKey(deviceKey: string): Credentials {
    if (typeof deviceKey !== 'string') {
      throw new InvalidArgumentError('deviceKey', `deviceKey must be a string, got ${typeof deviceKey}`);
    }
    if (deviceKey.length !== DEVICE_KEY_LENGTH) {
      throw new InvalidCredentialsError('deviceKey', DEVICE_KEY_LENGTH, deviceKey.length);
    }
    return new Credentials(deviceKey.slice(0, PART_LENGTH), deviceKey.slice(PART_LENGTH));
  }

  get cloudId(): string {
    return this.#cloudId;
  }

  set cloudId(value: string) {
    this.#cloudId = checkPart('cloudId', value);
    this.#registerKey();
  }

  get cloudKey(): string {
    return this.#cloudKey;
  }

  set cloudKey(value: string) {
    this.#cloudKey = checkPart('cloudKey', value);
    this.#registerKey();
  }

  /** The cloud id followed by the cloud key; empty unless both are set. */
  get deviceKey(): string {
    return this.hasDeviceKey ? this.#cloudId + this.#cloudKey : '';
  }

  /** Both parts are set, so messages to the Hologram cloud can be authenticated. */
  get hasDeviceKey(): boolean {
    return this.#cloudId.length === PART_LENGTH && this.#cloudKey.length === PART_LENGTH;
  }

  /** Never serialises the secret (JSON.stringify, loggers that use toJSON). */
  toJSON(): { deviceKey: string } {
    return { deviceKey: this.hasDeviceKey ? '********' : '' };
  }

  toString(): string {
    return `Credentials(${this.hasDeviceKey ? 'device key set' : 'no device key'})`;
  }

  /** `console.log(credentials)` and `util.inspect` show no secret either. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  #registerKey(): void {
    if (this.hasDeviceKey) registerSecret(this.deviceKey);
  }
}
