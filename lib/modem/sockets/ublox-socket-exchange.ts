import type { SchedulerLike, Subscriber } from '../../rx';
import type { AtEngine } from '../at/at-engine';
import { ensureUbloxHexMode } from './ublox-hex-mode';
import { SocketExchange, type ExchangePlan } from './socket-exchange';
import type { SocketEvent } from './socket-event';
import {
  parseUbloxCreate,
  parseUbloxSocketUrc,
  parseUbloxWrite,
  ubloxCloseCommand,
  ubloxConnectCommand,
  ubloxCreateCommand,
  ubloxWriteCommands,
  UBLOX_MAX_WRITE_BYTES,
} from './ublox-socket-dialect';
import { UbloxSocketReader } from './ublox-socket-reader';
import { ModemSocketError } from './modem-socket-error';

/**
 * One exchange over a u-blox socket: `AT+USOCR=6`, `AT+USOCO` (its timeout is the connect
 * timeout), `AT+USOWR` per 512 bytes (hex), `AT+USORD` as `+UUSORD` announces data, done at
 * `+UUSOCL` (the modem has then freed the socket: no `AT+USOCL`). A short message costs 4 commands
 * once hex mode is set; `AT+USOCL` is sent only when the exchange ends before the peer closed.
 */
export class UbloxSocketExchange extends SocketExchange {
  private reader: UbloxSocketReader | undefined;
  /** `AT+USOCR` is in flight: its socket must be closed even if we are gone by the time it answers. */
  private creating = false;

  constructor(engine: AtEngine, plan: ExchangePlan, scheduler: SchedulerLike, subscriber: Subscriber<Buffer>) {
    super('u-blox', engine, plan, scheduler, subscriber, parseUbloxSocketUrc);
  }

  protected begin(): void {
    const hexMode = ensureUbloxHexMode(this.engine).subscribe({
      complete: () => this.create(),
      error: (error: unknown) => this.fail(this.socketError(error, 'create')),
    });
    this.track(hexMode);
  }

  /** Not cancelled on teardown (see `creating`): the id it returns is needed to free the socket. */
  private create(): void {
    if (this.ended) return;
    this.creating = true;
    this.engine.command(ubloxCreateCommand()).subscribe({
      next: (response) => {
        this.creating = false;
        const id = parseUbloxCreate(response);
        if (id === undefined) {
          this.fail(new ModemSocketError(`u-blox socket: unexpected AT+USOCR answer`, { vendor: 'u-blox', stage: 'create', address: this.address }));
          return;
        }
        this.socketId = id;
        if (this.ended) this.release();
        else this.connect(id);
      },
      error: (error: unknown) => {
        this.creating = false;
        this.fail(this.socketError(error, 'create'));
      },
    });
  }

  private connect(id: number): void {
    this.reader = new UbloxSocketReader(
      id,
      (command, next, onError) =>
        this.run(command, {}, 'read', next, (error) => {
          onError(error);
          return true;
        }),
      {
        data: (bytes) => this.received(bytes),
        idle: () => this.finishIfDone(),
        error: (error) => {
          // After the peer closed, a failed read only means the modem dropped the socket.
          if (this.peerClosed) this.finishIfDone();
          else this.fail(this.socketError(error, 'read'));
        },
      },
    );
    this.run(ubloxConnectCommand(id, this.plan.host, this.plan.port), { timeoutMs: this.plan.connectTimeoutMs, retry: false }, 'connect', () =>
      this.write(id, 0),
    );
  }

  /** Writes the payload from `offset`, in slices the modem accepts (it may take fewer bytes). */
  private write(id: number, offset: number): void {
    if (offset >= this.plan.payload.length) {
      this.written();
      return;
    }
    const slice = this.plan.payload.subarray(offset, offset + UBLOX_MAX_WRITE_BYTES);
    const [command] = ubloxWriteCommands(id, slice);
    this.run(command, { sensitive: true }, 'write', (response) => {
      const accepted = parseUbloxWrite(response)?.length ?? slice.length;
      if (accepted <= 0) {
        this.fail(new ModemSocketError(`u-blox socket ${id}: the modem accepted no bytes`, { vendor: 'u-blox', socketId: id, stage: 'write', address: this.address }));
        return;
      }
      this.write(id, offset + Math.min(accepted, slice.length));
    });
  }

  protected onEvent(event: SocketEvent): void {
    if (event.kind === 'data' && event.length !== undefined) this.reader?.announce(event.length);
    else if (event.kind === 'closed') this.closedByPeer();
  }

  protected readPending(): boolean {
    return this.reader?.busy ?? false;
  }

  protected release(): void {
    // Closed by the peer: the modem freed the socket itself. Still being created: closed on answer.
    if (this.socketId === undefined || this.peerClosed || this.creating) return;
    const id = this.socketId;
    this.socketId = undefined;
    this.fireAndForget(ubloxCloseCommand(id));
  }
}
