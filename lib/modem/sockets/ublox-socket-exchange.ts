import { filter, map, take, timer, type SchedulerLike, type Subscriber } from '../../rx';
import { race } from '../../rx-extra';
import type { ATEngine } from '../at/at-engine';
import { ensureUbloxHexMode } from './ublox-hex-mode';
import { SocketExchange, type ExchangePlan } from './socket-exchange';
import type { SocketEvent } from './socket-event';
import {
  parseUbloxCreate,
  parseUbloxSocketURC,
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
 * The u-blox exchange's steps, in order (it only moves forward):
 * - `hex-mode`: making sure the modem takes socket data in hex (once per modem).
 * - `creating`: `AT+USOCR` is in flight; not cancelled on teardown, since the id it answers is
 *   needed to free the socket (an exchange that ended meanwhile frees it on the answer).
 * - `open`: the socket `id` exists; the connect, the writes and the reads run on it (`reader`).
 * - `released`: the socket was freed (by us, or by the modem when the peer closed), or never made.
 */
export type UbloxStep =
  | { readonly kind: 'hex-mode' }
  | { readonly kind: 'creating' }
  | { readonly kind: 'open'; readonly id: number; readonly reader: UbloxSocketReader }
  | { readonly kind: 'released' };

/**
 * One exchange over a u-blox socket: `AT+USOCR=6`, `AT+USOCO` (its timeout is the connect
 * timeout), `AT+USOWR` per 512 bytes (hex), `AT+USORD` as `+UUSORD` announces data, done at
 * `+UUSOCL` (the modem has then freed the socket: no `AT+USOCL`). A short message costs 4 commands
 * once hex mode is set; `AT+USOCL` is sent only when the exchange ends before the peer closed.
 */
/**
 * How long a socket whose reply is whole stays open for the peer to close it (the cloud closes
 * right after its reply) before `AT+USOCL` closes it.
 */
export const UBLOX_LINGER_MS = 1000;

export class UbloxSocketExchange extends SocketExchange {
  #step: UbloxStep = { kind: 'hex-mode' };

  constructor(engine: ATEngine, plan: ExchangePlan, scheduler: SchedulerLike, subscriber: Subscriber<Buffer>) {
    super('u-blox', engine, plan, scheduler, subscriber, parseUbloxSocketURC);
  }

  /** The step the exchange is at (for logs and tests). */
  get progress(): UbloxStep['kind'] {
    return this.#step.kind;
  }

  protected get socketId(): number | undefined {
    return this.#step.kind === 'open' ? this.#step.id : undefined;
  }

  protected begin(): void {
    const hexMode = ensureUbloxHexMode(this.engine).subscribe({
      complete: () => this.#create(),
      error: (error: unknown) => this.fail(this.socketError(error, 'create')),
    });
    this.track(hexMode);
  }

  /** Not cancelled on teardown (see `creating`): the id it returns is needed to free the socket. */
  #create(): void {
    if (this.ended) return;
    this.#step = { kind: 'creating' };
    this.engine.command$(ubloxCreateCommand()).subscribe({
      next: (response) => {
        const id = parseUbloxCreate(response);
        if (id === undefined) {
          this.#step = { kind: 'released' };
          this.fail(new ModemSocketError(`u-blox socket: unexpected AT+USOCR answer`, { vendor: 'u-blox', stage: 'create', address: this.address }));
          return;
        }
        this.#step = { kind: 'open', id, reader: this.#readerFor(id) };
        if (this.ended) this.release();
        else this.#connect(id);
      },
      error: (error: unknown) => {
        this.#step = { kind: 'released' };
        this.fail(this.socketError(error, 'create'));
      },
    });
  }

  #readerFor(id: number): UbloxSocketReader {
    return new UbloxSocketReader(
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
  }

  #connect(id: number): void {
    this.run(ubloxConnectCommand(id, this.plan.host, this.plan.port), { timeoutMs: this.plan.connectTimeoutMs, retry: false }, 'connect', () =>
      this.#write(id, 0),
    );
  }

  /** Writes the payload from `offset`, in slices the modem accepts (it may take fewer bytes). */
  #write(id: number, offset: number): void {
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
      this.#write(id, offset + Math.min(accepted, slice.length));
    });
  }

  protected onEvent(event: SocketEvent): void {
    if (event.kind === 'data' && event.length !== undefined && this.#step.kind === 'open') this.#step.reader.announce(event.length);
    else if (event.kind === 'closed') this.closedByPeer();
  }

  protected readPending(): boolean {
    return this.#step.kind === 'open' && this.#step.reader.busy;
  }

  protected release(): void {
    const step = this.#step;
    if (step.kind === 'creating') return; // freed when AT+USOCR answers
    this.#step = { kind: 'released' };
    // Closed by the peer: the modem freed the socket itself.
    if (step.kind !== 'open' || this.peerClosed) return;
    this.fireAndForget(ubloxCloseCommand(step.id));
  }

  /**
   * u-blox frees a socket itself at `+UUSOCL` and may give its id to the next socket at once (an
   * inbound connection, the next exchange), so an `AT+USOCL` sent as the peer closes could close
   * somebody else's socket. After a whole reply the socket stays ours until the peer's close;
   * only a peer that has not closed within `UBLOX_LINGER_MS` gets an `AT+USOCL`.
   */
  protected override releaseAfterReply(): void {
    const step = this.#step;
    if (step.kind !== 'open') return this.release();
    this.#step = { kind: 'released' };
    const closedByPeer$ = this.engine.urc$.pipe(
      filter((urc) => {
        const event = parseUbloxSocketURC(urc);
        return event?.kind === 'closed' && event.socketId === step.id;
      }),
      take(1),
      map(() => false),
    );
    // Not tied to the exchange, like the close itself; ends with the engine (its URCs complete).
    race(closedByPeer$, timer(UBLOX_LINGER_MS, this.scheduler).pipe(map(() => true))).subscribe((close) => {
      if (close) this.fireAndForget(ubloxCloseCommand(step.id));
    });
  }
}
