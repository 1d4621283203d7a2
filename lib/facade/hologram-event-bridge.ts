import { EMPTY, type Observable, type Subscription, switchMap } from '../rx';
import type { DeliveryEvent } from '../delivery/delivery-event';
import { MessageAttemptsExhaustedError } from '../delivery/message-attempts-exhausted-error';
import { MessageFailedError } from '../delivery/message-failed-error';
import type { EventBus } from '../events/event-bus';
import type { HologramEvents } from '../events/hologram-events';
import type { ReceivedMessage } from './message-receiver';
import type { Modem } from '../modem/modem';
import type { ReceivedSMS } from '../modem/sms-service';
import type { ModemEvent } from '../modem/modem-status';
import type { Network } from '../network/network';
import { networkEvents } from '../network/network-events';
import { cellularEvents } from '../network/cellular/cellular-events';

/** The bus event each delivery event becomes (a `retry` becomes none). */
const BUS_EVENT: Partial<Record<DeliveryEvent['type'], keyof HologramEvents>> = {
  buffered: 'message.buffered',
  sent: 'message.sent',
  failed: 'message.failed',
  dropped: 'message.dropped',
  health: 'outbox.health',
};

/**
 * Whether events are held: while the facade's constructor runs (`constructing`), then until the
 * held ones are broadcast (`constructed`, holding them), then never again (`live`).
 */
type BridgePhase =
  | { readonly kind: 'constructing'; readonly held: (() => void)[] }
  | { readonly kind: 'constructed'; readonly held: readonly (() => void)[] }
  | { readonly kind: 'live' };

/**
 * Carries the events of the layers under the facade (delivery pipeline, network, modem, cellular
 * link, receiver) onto its bus, in the bus's vocabulary. Events reported while the facade's
 * constructor runs are held and broadcast, in order, on `releaseHeld()` (the facade's next tick)
 * or just before the next event: callbacks subscribed right after `new Hologram()` then see the
 * modem's current state, and nothing is lost in between.
 */
export class HologramEventBridge {
  /** Events raised while constructing are held here, broadcast on the next tick or before the next event. */
  #phase: BridgePhase = { kind: 'constructing', held: [] };

  readonly #bus: EventBus<HologramEvents>;

  constructor(bus: EventBus<HologramEvents>) {
    this.#bus = bus;
  }

  /** The pipeline's account of each message, as `message.*` events. */
  followDelivery(events$: Observable<DeliveryEvent>, pendingCount: () => number): Subscription {
    return events$.subscribe((event) => this.#broadcastDelivery(event, pendingCount));
  }

  /** `network.connected` / `network.disconnected`, once per change of connectivity. */
  followNetwork(network: Pick<Network, 'state$'>): Subscription {
    return network.state$.pipe(networkEvents()).subscribe((event) => this.emit(event.name, event.state));
  }

  /** The `modem.*` events of the network's current modem (they read no SMS). */
  followModems(modem$: Observable<Modem | undefined>): Subscription {
    return modem$.pipe(switchMap((modem) => modem?.statusEvents$ ?? EMPTY)).subscribe((event) => this.#broadcastModemEvent(event));
  }

  /**
   * `sms.received`, only while something listens to it on the bus: `sms$` reads each SMS and
   * deletes it from the modem once delivered, so nobody listening means the SMS stay in the modem.
   */
  followSms(sms$: Observable<ReceivedSMS>): Subscription {
    return this.#bus
      .listened$('sms.received')
      .pipe(switchMap((listened) => (listened ? sms$ : EMPTY)))
      .subscribe((sms) => this.#broadcastModemEvent({ name: 'sms.received', payload: sms }));
  }

  /**
   * `cellular.connected` / `cellular.disconnected` of a cellular network (its `events$`: the same
   * changes of connectivity as `network.*`, in the cellular vocabulary); undefined for others.
   */
  followCellular(network: Pick<Network, 'name' | 'state$'>): Subscription | undefined {
    if (network.name !== 'cellular') return undefined;
    return network.state$.pipe(cellularEvents()).subscribe(({ name, state }) => this.emit(name, state));
  }

  /** Each cloud-to-device message as `message.received`. */
  followReceived(messages$: Observable<ReceivedMessage>): Subscription {
    return messages$.subscribe((message) => this.emit('message.received', message));
  }

  /** The facade's constructor returned: from now on events go out at once. */
  constructed(): void {
    const phase = this.#phase;
    if (phase.kind !== 'constructing') return;
    this.#phase = phase.held.length === 0 ? { kind: 'live' } : { kind: 'constructed', held: phase.held };
  }

  /** Broadcasts an event of the layers below; held while the constructor runs. */
  emit<K extends keyof HologramEvents>(name: K, payload: HologramEvents[K]): void {
    if (this.#phase.kind === 'constructing') {
      this.#phase.held.push(() => this.#bus.broadcast(name, payload));
      return;
    }
    this.releaseHeld();
    this.#bus.broadcast(name, payload);
  }

  /** Broadcasts the events held since construction, in order (once). */
  releaseHeld(): void {
    const phase = this.#phase;
    if (phase.kind === 'live' || phase.held.length === 0) return;
    this.#phase = phase.kind === 'constructing' ? { kind: 'constructing', held: [] } : { kind: 'live' };
    for (const broadcast of phase.held) broadcast();
  }

  /** A modem event on the bus: `sms.received` gets the event's plain fields beside the message. */
  #broadcastModemEvent(event: ModemEvent): void {
    if (event.name === 'sms.received') {
      const sms = event.payload;
      this.emit('sms.received', { sender: sms.from, body: sms.text, timestamp: sms.timestamp.date, message: sms });
      return;
    }
    this.emit(event.name, event.payload);
  }

  /**
   * Whether a delivery event of `type` would reach anybody: most messages go by unwatched, and
   * then neither the pipeline's event nor the bus payload (a copy of the result) is built.
   */
  readonly wantsDelivery = (type: DeliveryEvent['type']): boolean => {
    const name = BUS_EVENT[type];
    return name !== undefined && (this.#phase.kind === 'constructing' || this.#bus.listened(name));
  };

  #broadcastDelivery(event: DeliveryEvent, pendingCount: () => number): void {
    if (!this.wantsDelivery(event.type)) return;
    switch (event.type) {
      case 'buffered':
        if (event.held) this.emit('message.buffered', { message: event.entry.message, pending: pendingCount() });
        return;
      case 'sent':
        this.emit('message.sent', { ...event.result, message: event.entry.message });
        return;
      case 'failed': {
        const { entry, result, attempts } = event;
        const error =
          attempts === undefined
            ? new MessageFailedError(result, entry.message, entry.id)
            : new MessageAttemptsExhaustedError(result, entry.message, entry.id, attempts);
        this.emit('message.failed', { message: entry.message, result, error });
        return;
      }
      case 'dropped':
        this.emit('message.dropped', { message: event.message, reason: event.reason });
        return;
      case 'health':
        this.emit('outbox.health', event.health);
        return;
      case 'retry':
        return;
    }
  }
}
