import type { SchedulerLike, Subscriber } from '../../rx';
import type { ATEngine } from '../at/at-engine';
import { ModemSocketError } from './modem-socket-error';
import {
  parseQuectelRead,
  parseQuectelSocketURC,
  quectelCloseCommand,
  quectelOpenCommand,
  quectelReadCommand,
  quectelSendCommands,
  type QuectelAccessMode,
} from './quectel-socket-dialect';
import type { QuectelSocketIds } from './quectel-socket-ids';
import { SocketExchange, type ExchangePlan } from './socket-exchange';
import type { SocketEvent } from './socket-event';

export interface QuectelExchangeSettings {
  /** The PDP context (`<contextID>`) the socket runs on. */
  readonly contextId: number;
  readonly accessMode: QuectelAccessMode;
  readonly ids: QuectelSocketIds;
}

/**
 * The Quectel exchange's steps, in order (it only moves forward):
 * - `unopened`: no socket id yet.
 * - `opening`: `AT+QIOPEN` is sent for `id` (so `AT+QICLOSE` must release it); `+QIOPEN: <id>,<err>`
 *   is awaited, within the connect timeout once the command answered.
 * - `sending`: connected; `AT+QISEND` of part `part` is under way.
 * - `sent`: the payload is out; the reply comes until the peer closes.
 * - `released`: the id was handed back (or never taken).
 * From `sending` on, `reading` says whether an `AT+QIRD` loop runs (buffer mode: data may be
 * announced while the payload is still being sent).
 */
export type QuectelStep =
  | { readonly kind: 'unopened' }
  | { readonly kind: 'opening'; readonly id: number }
  | { readonly kind: 'sending'; readonly id: number; readonly part: number; readonly reading: boolean }
  | { readonly kind: 'sent'; readonly id: number; readonly reading: boolean }
  | { readonly kind: 'released' };

/**
 * One exchange over a Quectel socket: `AT+QIOPEN` (answers OK at once; the connect outcome comes as
 * `+QIOPEN: <id>,<err>` within the connect timeout), `AT+QISEND=<id>,<len>` + raw bytes per 1460
 * bytes, reply bytes pushed in `+QIURC: "recv",<id>,<len>` (push mode: no read command at all) or
 * read with `AT+QIRD` until it answers 0 (buffer mode), done at `+QIURC: "closed"`. The id is always
 * released with `AT+QICLOSE` (the modem keeps a peer-closed socket until then). A short message
 * costs 3 commands in push mode, 5 in buffer mode.
 */
export class QuectelSocketExchange extends SocketExchange {
  #step: QuectelStep = { kind: 'unopened' };

  readonly #settings: QuectelExchangeSettings;

  constructor(
    engine: ATEngine,
    plan: ExchangePlan,
    scheduler: SchedulerLike,
    subscriber: Subscriber<Buffer>,
    settings: QuectelExchangeSettings,
  ) {
    super('quectel', engine, plan, scheduler, subscriber, parseQuectelSocketURC);
    this.#settings = settings;
  }

  /** The step the exchange is at (for logs and tests). */
  get progress(): QuectelStep['kind'] {
    return this.#step.kind;
  }

  protected get socketId(): number | undefined {
    return this.#step.kind === 'unopened' || this.#step.kind === 'released' ? undefined : this.#step.id;
  }

  protected begin(): void {
    const id = this.#settings.ids.take();
    if (id === undefined) {
      this.fail(new ModemSocketError('quectel socket: all socket ids are in use', { vendor: 'quectel', stage: 'create', address: this.address }));
      return;
    }
    this.#step = { kind: 'opening', id };
    const { contextId, accessMode } = this.#settings;
    this.run(quectelOpenCommand(contextId, id, this.plan.host, this.plan.port, accessMode), { retry: false }, 'create', () => {
      if (this.#step.kind !== 'opening') return; // +QIOPEN came before the OK
      this.after(this.plan.connectTimeoutMs, () =>
        this.fail(
          new ModemSocketError(`quectel socket ${id}: no +QIOPEN within ${this.plan.connectTimeoutMs} ms`, {
            vendor: 'quectel',
            socketId: id,
            stage: 'connect',
            timedOut: true,
            address: this.address,
          }),
        ),
      );
    });
  }

  protected onEvent(event: SocketEvent): void {
    switch (event.kind) {
      case 'opened':
        if (this.#step.kind !== 'opening') return;
        if (event.error !== 0) {
          this.fail(
            new ModemSocketError(`quectel socket ${event.socketId}: connect failed with error ${event.error}`, {
              vendor: 'quectel',
              socketId: event.socketId,
              stage: 'connect',
              cmeError: event.error,
              address: this.address,
            }),
          );
        } else {
          this.#send(this.#step.id, 0, false);
        }
        return;
      case 'pushed':
        this.received(event.bytes);
        this.finishIfDone();
        return;
      case 'data':
        this.#read();
        return;
      case 'closed':
        this.closedByPeer();
        return;
      default:
        return;
    }
  }

  /** Sends part `part` of the payload, or moves to `sent` when all are out. */
  #send(id: number, part: number, reading: boolean): void {
    const sends = quectelSendCommands(id, this.plan.payload);
    if (part >= sends.length) {
      this.#step = { kind: 'sent', id, reading };
      this.written();
      return;
    }
    this.#step = { kind: 'sending', id, part, reading };
    const { command, body } = sends[part];
    this.run(command, { body, ctrlZ: false, sensitive: true }, 'write', () => {
      if (this.#step.kind === 'sending') this.#send(id, part + 1, this.#step.reading);
    });
  }

  /** Whether a read loop runs; a step without one is left as it is. */
  #setReading(reading: boolean): void {
    if (this.#step.kind === 'sending' || this.#step.kind === 'sent') this.#step = { ...this.#step, reading };
  }

  /** Buffer mode: `AT+QIRD` until it answers `+QIRD: 0`. Notices during the loop are covered by it. */
  #read(): void {
    const step = this.#step;
    if ((step.kind !== 'sending' && step.kind !== 'sent') || step.reading) return;
    const { id } = step;
    this.#setReading(true);
    this.run(quectelReadCommand(id), {}, 'read', (response) => {
      const bytes = parseQuectelRead(response);
      this.#setReading(false);
      if (bytes === undefined) {
        this.fail(new ModemSocketError(`quectel socket ${id}: unexpected AT+QIRD answer`, { vendor: 'quectel', socketId: id, stage: 'read', address: this.address }));
        return;
      }
      this.received(bytes);
      if (bytes.length > 0) this.#read();
      else this.finishIfDone();
    });
  }

  protected readPending(): boolean {
    return (this.#step.kind === 'sending' || this.#step.kind === 'sent') && this.#step.reading;
  }

  protected release(): void {
    const step = this.#step;
    this.#step = { kind: 'released' };
    if (step.kind === 'unopened' || step.kind === 'released') return;
    const { id } = step;
    this.fireAndForget(quectelCloseCommand(id), () => this.#settings.ids.free(id));
  }
}
