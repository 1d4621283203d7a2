import type { SchedulerLike, Subscriber } from '../../rx';
import type { AtEngine } from '../at/at-engine';
import { ModemSocketError } from './modem-socket-error';
import {
  parseQuectelRead,
  parseQuectelSocketUrc,
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
 * One exchange over a Quectel socket: `AT+QIOPEN` (answers OK at once; the connect outcome comes as
 * `+QIOPEN: <id>,<err>` within the connect timeout), `AT+QISEND=<id>,<len>` + raw bytes per 1460
 * bytes, reply bytes pushed in `+QIURC: "recv",<id>,<len>` (push mode: no read command at all) or
 * read with `AT+QIRD` until it answers 0 (buffer mode), done at `+QIURC: "closed"`. The id is always
 * released with `AT+QICLOSE` (the modem keeps a peer-closed socket until then). A short message
 * costs 3 commands in push mode, 5 in buffer mode.
 */
export class QuectelSocketExchange extends SocketExchange {
  private opened = false;
  /** `AT+QIOPEN` was subscribed: the id must be closed with `AT+QICLOSE`. */
  private openSent = false;
  private reading = false;

  constructor(
    engine: AtEngine,
    plan: ExchangePlan,
    scheduler: SchedulerLike,
    subscriber: Subscriber<Buffer>,
    private readonly settings: QuectelExchangeSettings,
  ) {
    super('quectel', engine, plan, scheduler, subscriber, parseQuectelSocketUrc);
  }

  protected begin(): void {
    const id = this.settings.ids.take();
    if (id === undefined) {
      this.fail(new ModemSocketError('quectel socket: all socket ids are in use', { vendor: 'quectel', stage: 'create', address: this.address }));
      return;
    }
    this.socketId = id;
    this.openSent = true;
    const { contextId, accessMode } = this.settings;
    this.run(quectelOpenCommand(contextId, id, this.plan.host, this.plan.port, accessMode), { retry: false }, 'create', () => {
      if (this.opened) return;
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
        if (this.opened) return;
        this.opened = true;
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
          this.send(0);
        }
        return;
      case 'pushed':
        this.received(event.bytes);
        this.finishIfDone();
        return;
      case 'data':
        this.read();
        return;
      case 'closed':
        this.closedByPeer();
        return;
      default:
        return;
    }
  }

  private send(index: number): void {
    const id = this.socketId as number;
    const sends = quectelSendCommands(id, this.plan.payload);
    if (index >= sends.length) {
      this.written();
      return;
    }
    const { command, body } = sends[index];
    this.run(command, { body, ctrlZ: false, sensitive: true }, 'write', () => this.send(index + 1));
  }

  /** Buffer mode: `AT+QIRD` until it answers `+QIRD: 0`. Notices during the loop are covered by it. */
  private read(): void {
    if (this.reading) return;
    this.reading = true;
    const id = this.socketId as number;
    this.run(quectelReadCommand(id), {}, 'read', (response) => {
        const bytes = parseQuectelRead(response);
        if (bytes === undefined) {
          this.reading = false;
          this.fail(new ModemSocketError(`quectel socket ${id}: unexpected AT+QIRD answer`, { vendor: 'quectel', socketId: id, stage: 'read', address: this.address }));
          return;
        }
        this.received(bytes);
        this.reading = false;
        if (bytes.length > 0) this.read();
        else this.finishIfDone();
    });
  }

  protected readPending(): boolean {
    return this.reading;
  }

  protected release(): void {
    const id = this.socketId;
    if (id === undefined) return;
    this.socketId = undefined;
    if (!this.openSent) {
      this.settings.ids.free(id);
      return;
    }
    this.fireAndForget(quectelCloseCommand(id), () => this.settings.ids.free(id));
  }
}
