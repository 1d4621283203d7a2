import type { AtResponse } from '../at/at-response';
import { parseUbloxRead, ubloxReadCommand, UBLOX_MAX_READ_BYTES } from './ublox-socket-dialect';

/** How the reader runs its commands: the owner's `run`, so they stop and fail with the owner. */
export type ReadRunner = (command: string, next: (response: AtResponse) => void, onError: (error: unknown) => void) => void;

/**
 * Reads one u-blox socket's data as `+UUSORD: <s>,<len>` announces it: `<len>` is the total unread,
 * so it reads `min(unread, 512)` per `AT+USORD` until nothing is left; a short message costs one
 * read. One read at a time. An announcement that arrives during a read was printed before that
 * read's answer (the modem holds URCs until a command ends), so it still counts the bytes the
 * read returns: those are subtracted from it.
 */
export class UbloxSocketReader {
  /** Bytes the modem holds for us, as far as we know. */
  private unread = 0;
  private reading = false;
  /** The latest announcement made while a read was in flight. */
  private announcedDuringRead: number | undefined;

  constructor(
    readonly socketId: number,
    private readonly runRead: ReadRunner,
    private readonly callbacks: {
      readonly data: (bytes: Buffer) => void;
      /** The reader went idle (nothing left to read as far as it knows). */
      readonly idle: () => void;
      readonly error: (error: unknown) => void;
    },
  ) {}

  /** True while a read is in flight or announced data waits. */
  get busy(): boolean {
    return this.reading || this.unread > 0;
  }

  /** `+UUSORD: <s>,<len>` for this socket. */
  announce(length: number): void {
    if (this.reading) this.announcedDuringRead = length;
    else {
      this.unread = length;
      this.readNext();
    }
  }

  private readNext(): void {
    if (this.reading) return;
    if (this.unread <= 0) {
      this.callbacks.idle();
      return;
    }
    this.reading = true;
    this.announcedDuringRead = undefined;
    const wanted = Math.min(this.unread, UBLOX_MAX_READ_BYTES);
    this.runRead(
      ubloxReadCommand(this.socketId, wanted),
      (response) => {
        this.reading = false;
        const read = parseUbloxRead(response);
        if (!read || read.socketId !== this.socketId) {
          this.callbacks.error(new Error(`unexpected AT+USORD answer: ${response.lines.join(' | ').slice(0, 80)}`));
          return;
        }
        const later = this.announcedDuringRead;
        this.announcedDuringRead = undefined;
        if (later !== undefined) this.unread = Math.max(0, later - read.bytes.length);
        else if (read.bytes.length < wanted) this.unread = 0;
        else this.unread -= read.bytes.length;
        this.callbacks.data(read.bytes);
        this.readNext();
      },
      (error) => {
        this.reading = false;
        this.unread = 0;
        this.callbacks.error(error);
      },
    );
  }
}

