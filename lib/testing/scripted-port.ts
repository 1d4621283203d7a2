import { Subject, type Observable, type SchedulerLike } from '../rx';
import type { ATPort } from '../modem/at/at-port';

/** One scripted reaction: bytes to send back and after how long (virtual ms). */
export interface Reply {
  readonly after?: number;
  readonly text: string;
}

/**
 * A minimal scripted modem for tests in virtual time: an `ATPort` (give it to `new ATEngine(port)`)
 * that records every write with its time and answers through the given scheduler (a
 * `TestScheduler`, a `VirtualClock`), synchronously, so `TestScheduler.run()` can drive it. Not
 * the full `ModemSimulator`: just a table of replies (see `table()`).
 */
export class ScriptedPort implements ATPort {
  readonly #incoming = new Subject<Uint8Array>();
  readonly data$: Observable<Uint8Array> = this.#incoming.asObservable();
  /** `time:text` of every write, CR shown as `\r`. */
  readonly writes: string[] = [];

  readonly #scheduler: SchedulerLike;
  readonly #respond: (written: string, port: ScriptedPort) => Reply[] | undefined;

  constructor(
    scheduler: SchedulerLike,
    respond: (written: string, port: ScriptedPort) => Reply[] | undefined = () => undefined,
  ) {
    this.#scheduler = scheduler;
    this.#respond = respond;
  }

  write(bytes: Uint8Array): void {
    const text = Buffer.from(bytes).toString('latin1');
    this.writes.push(`${this.#scheduler.now()}:${text}`);
    for (const reply of this.#respond(text, this) ?? []) this.send(reply.text, reply.after ?? 0);
  }

  /** Sends bytes from the "modem" after `after` virtual ms. */
  send(text: string, after = 0): void {
    this.#scheduler.schedule(() => this.#incoming.next(Buffer.from(text, 'latin1')), after);
  }

  /** The "modem" goes away. */
  end(error?: Error, after = 0): void {
    this.#scheduler.schedule(() => (error ? this.#incoming.error(error) : this.#incoming.complete()), after);
  }
}

/** Responds from a table keyed by the written text (`'AT+CSQ\r'`); a function value can count calls. */
export function table(entries: Record<string, Reply[] | ((count: number) => Reply[])>): (written: string) => Reply[] | undefined {
  const counts = new Map<string, number>();
  return (written) => {
    const entry = entries[written];
    if (entry === undefined) return undefined;
    const count = (counts.get(written) ?? 0) + 1;
    counts.set(written, count);
    return typeof entry === 'function' ? entry(count) : entry;
  };
}
