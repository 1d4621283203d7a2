import type { ATEngine } from './at/at-engine';
import type { ModemDriver } from './drivers/modem-driver';

/**
 * What one init learnt about the modem, handed as it is to every part that talks to it (status,
 * identity, SMS, sockets): the engine to speak through, the driver picked, who the modem says it
 * is, and whether direct SMS deliveries need an ack. Immutable: each init makes a new one.
 */
export interface ModemSession {
  readonly engine: ATEngine;
  readonly driver: ModemDriver;
  /** `AT+CGMI` / `AT+CGMM` as the init read them (absent when the modem did not answer). */
  readonly identity: { readonly manufacturer?: string; readonly model?: string };
  /** `AT+CSMS?` says phase 2+ (`1`): directly delivered SMS must be acknowledged with `AT+CNMA`. */
  readonly directDeliveryAck: boolean;
}
