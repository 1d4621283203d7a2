/**
 * The escape from online data state (V.250 §6.3 and the vendors' `+++` sections): three escape
 * characters, alone, after at least the guard time without data; the escape takes effect when the
 * guard time passes again without data. The characters still go to the call as data (the modem
 * cannot know yet). Pure: the caller passes the time and arms the timer.
 */
type Phase =
  /** Data; `lastAt`: when the last byte came. */
  | { readonly kind: 'data'; readonly lastAt: number }
  /** `count` escape characters so far, the last at `lastAt`. */
  | { readonly kind: 'escape'; readonly count: number; readonly lastAt: number };

export class EscapeSequence {
  #phase: Phase;

  /** `since`: when online data state began (counts as the last data). */
  constructor(since: number) {
    this.#phase = { kind: 'data', lastAt: since };
  }

  /**
   * Host bytes at time `now`. Returns a ticket when they complete the three escape characters:
   * the caller checks it with `confirm` once the guard time has passed.
   */
  feed(bytes: Buffer, now: number, char: number, guardMs: number): number | undefined {
    const allEscape = bytes.length > 0 && bytes.every((byte) => byte === char);
    const phase = this.#phase;
    const count = phase.kind === 'escape' ? phase.count + bytes.length : bytes.length;
    const opens = phase.kind === 'data' && now - phase.lastAt >= guardMs;
    if (allEscape && count <= 3 && (opens || phase.kind === 'escape')) {
      this.#phase = { kind: 'escape', count, lastAt: now };
      return count === 3 ? now : undefined;
    }
    this.#phase = { kind: 'data', lastAt: now };
    return undefined;
  }

  /** True when nothing came after the escape characters of `ticket`: the escape takes effect. */
  confirm(ticket: number): boolean {
    const phase = this.#phase;
    return phase.kind === 'escape' && phase.count === 3 && phase.lastAt === ticket;
  }
}
