import type { ATResponse } from '../at/at-response';
import { parseUbloxRead, ubloxReadCommand, UBLOX_MAX_READ_BYTES } from './ublox-socket-dialect';
import { UnexpectedModemResponseError } from '../unexpected-modem-response-error';

/** How the reader runs its commands: the owner's `run`, so they stop and fail with the owner. */
export type ReadRunner = (command: string, next: (response: ATResponse) => void, onError: (error: unknown) => void) => void;

/**
 * Reads one u-blox socket's data as `+UUSORD: <s>,<len>` announces it: `<len>` is the total unread,
 * so it reads `min(unread, 512)` per `AT+USORD` until nothing is left; a short message costs one
 * read. One read at a time. An announcement that arrives during a read was printed before that
 * read's answer (the modem holds URCs until a command ends), so it still counts the bytes the
 * read returns: those are subtracted from it.
 */
/**
 * - `idle`: no read runs; nothing is known to wait in the modem.
 * - `reading`: an `AT+USORD` of `wanted` bytes runs, out of `unread` known to wait;
 *   `announced` is the latest `+UUSORD` count printed meanwhile.
 */
type ReaderState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'reading'; readonly unread: number; readonly wanted: number; readonly announced?: number };

export class UbloxSocketReader {
  #state: ReaderState = { kind: 'idle' };

  readonly #runRead: ReadRunner;
  readonly #callbacks: {
      readonly data: (bytes: Buffer) => void;
      /** The reader went idle (nothing left to read as far as it knows). */
      readonly idle: () => void;
      readonly error: (error: unknown) => void;
    };

  constructor(
    readonly socketId: number,
    runRead: ReadRunner,
    callbacks: {
      readonly data: (bytes: Buffer) => void;
      /** The reader went idle (nothing left to read as far as it knows). */
      readonly idle: () => void;
      readonly error: (error: unknown) => void;
    },
  ) {
    this.#runRead = runRead;
    this.#callbacks = callbacks;
  }

  /** True while a read is in flight. */
  get busy(): boolean {
    return this.#state.kind === 'reading';
  }

  /** `+UUSORD: <s>,<len>` for this socket. */
  announce(length: number): void {
    if (this.#state.kind === 'reading') this.#state = { ...this.#state, announced: length };
    else this.#readNext(length);
  }

  /** Reads the next slice of `unread` bytes, or goes idle when there are none. */
  #readNext(unread: number): void {
    if (unread <= 0) {
      this.#state = { kind: 'idle' };
      this.#callbacks.idle();
      return;
    }
    const wanted = Math.min(unread, UBLOX_MAX_READ_BYTES);
    this.#state = { kind: 'reading', unread, wanted };
    this.#runRead(
      ubloxReadCommand(this.socketId, wanted),
      (response) => {
        const state = this.#state;
        if (state.kind !== 'reading') return;
        const read = parseUbloxRead(response);
        if (!read || read.socketId !== this.socketId) {
          this.#state = { kind: 'idle' };
          this.#callbacks.error(new UnexpectedModemResponseError('AT+USORD', response.lines));
          return;
        }
        this.#callbacks.data(read.bytes);
        this.#readNext(leftAfterRead(state, read.bytes.length));
      },
      (error) => {
        this.#state = { kind: 'idle' };
        this.#callbacks.error(error);
      },
    );
  }
}

/**
 * Bytes still waiting after a read returned `got` (pure): a count announced during the read was
 * printed before the read's answer, so it includes the bytes read; a short read means the modem
 * had no more.
 */
export function leftAfterRead(state: { readonly unread: number; readonly wanted: number; readonly announced?: number }, got: number): number {
  if (state.announced !== undefined) return Math.max(0, state.announced - got);
  if (got < state.wanted) return 0;
  return state.unread - got;
}
