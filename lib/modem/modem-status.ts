import type { NetworkOperator } from './operator';
import type { RegistrationStatus } from './registration-status';
import type { SignalQuality } from './signal-quality';
import type { ReceivedSMS } from './sms-service';

/**
 * - `initializing`: the port is open and the init sequence runs (first open, replug, reset).
 * - `ready`: initialized; commands, status and SMS work.
 * - `reconnecting`: the port was lost (unplug); waiting for it to come back, then init again.
 * - `closed`: `close()` was called, or the port was lost and cannot come back (a stream modem).
 */
export type ModemState = 'initializing' | 'ready' | 'reconnecting' | 'closed';

/** Who the modem and its SIM are. */
export interface ModemIdentity {
  readonly manufacturer?: string;
  readonly model?: string;
  readonly revision?: string;
  readonly imei?: string;
  /** The SIM's ICCID without the filler `F`. */
  readonly iccid?: string;
  readonly imsi?: string;
}

/** Everything at once, as `status$` emits it. */
export interface ModemStatus {
  readonly state: ModemState;
  readonly registration?: RegistrationStatus;
  readonly signal?: SignalQuality;
  readonly operator?: NetworkOperator;
}

/**
 * The events a modem emits on `events$` (the facade forwards them to its event bus). Payloads carry
 * the event bus's minimal fields (`model`/`port`, `reason`, `registered`/`status`, `rssi`/`dbm`)
 * plus the modem layer's full data.
 */
export type ModemEvent =
  | { readonly name: 'modem.connected'; readonly payload: { readonly driver: string; readonly model?: string; readonly port: string } }
  | { readonly name: 'modem.disconnected'; readonly payload: { readonly state: ModemState; readonly reason: string } }
  | { readonly name: 'modem.registration'; readonly payload: RegistrationStatus & { readonly status: string } }
  | { readonly name: 'modem.signal'; readonly payload: SignalQuality & { readonly rssi: number | null; readonly dbm: number | null } }
  | { readonly name: 'sms.received'; readonly payload: ReceivedSMS };

export type ModemEventName = ModemEvent['name'];
