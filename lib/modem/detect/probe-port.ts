import { logger } from '../../logging';
import { ATEngine } from '../at/at-engine';
import { GENERIC_3GPP } from '../drivers/generic';
import type { USBId } from '../drivers/modem-driver';
import { ModemIdentityReader } from '../modem-identity-reader';
import { SerialPortConnection } from '../serial-port-connection';
import type { SerialBinding } from '../serial-binding';
import { withoutUndefined } from '../without-undefined';
import type { ProbedPort } from './detected-modem';

const log = logger('modem');

export interface ProbeOptions {
  readonly baudRate?: number;
  /** How long the port has to answer `AT` (and each identity read), in ms. */
  readonly timeoutMs: number;
  readonly usbId?: USBId;
  /** The serialport binding to open the port through (default: the platform's). */
  readonly binding?: SerialBinding;
}

/**
 * Opens `path`, asks `AT`, and when it answers reads the IMEI, maker and model (to tell modems
 * apart and pick a driver); closes the port again. Undefined when the port cannot be opened or does
 * not answer. Never throws.
 */
export async function probePort(path: string, options: ProbeOptions): Promise<ProbedPort | undefined> {
  const connection = new SerialPortConnection({ path, baudRate: options.baudRate, reopen: false, binding: options.binding });
  const engine = new ATEngine(undefined, { resync: { probeTimeoutMs: 1, quietMs: 1 } });
  const send = (command: string) => engine.command(command, { timeoutMs: options.timeoutMs, retry: false });
  try {
    engine.attach(await connection.open());
    await send('AT');
  } catch (error) {
    log('probe of %s failed: %s', path, error instanceof Error ? error.message : error);
    await engine.close();
    await connection.close();
    return undefined;
  }
  try {
    const reader = new ModemIdentityReader({ engine, driver: GENERIC_3GPP, identity: {}, directDeliveryAck: false });
    const optional = (read: () => Promise<string>): Promise<string | undefined> => read().catch(() => undefined);
    const imei = await optional(() => reader.imei());
    const manufacturer = await optional(() => reader.manufacturer());
    const model = await optional(() => reader.model());
    log('probe of %s: IMEI %s, %s %s', path, imei, manufacturer, model);
    return withoutUndefined({ path, usbId: options.usbId, imei, manufacturer, model });
  } finally {
    await engine.close();
    await connection.close();
  }
}

