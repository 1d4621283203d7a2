/**
 * Seeded random values for fuzzing the public API: the same seed gives the same values, so a
 * failure is reproduced by its seed. Covers what JavaScript callers hand in by mistake: every
 * primitive (numbers at their edges, NaN, bigint, symbols), strings that look like numbers or
 * object keys, arrays (sparse, circular), functions, class instances, circular objects and
 * objects with odd keys (`__proto__`, `constructor`, `toString` that is not a function).
 */
export class RandomValues {
  #state: number;

  constructor(readonly seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1): mulberry32. */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(values: readonly T[]): T {
    return values[this.int(values.length)];
  }

  number(): number {
    return this.pick([0, -0, 1, -1, 2, 42, 4010, 9999, 65535, 65536, 1.5, -1e9, 2 ** 31, 2 ** 53, Number.MAX_VALUE, Infinity, -Infinity, NaN, this.int(100_000)]);
  }

  string(): string {
    return this.pick([
      '',
      ' ',
      'a',
      'abc',
      '0',
      '4010',
      '-1',
      '1e3',
      'NaN',
      '__proto__',
      'constructor',
      'toString',
      '\u0000',
      '\r\n',
      'é✓😀',
      '+15555550100',
      'hologram_cloud',
      'tcp-other',
      'manual',
      '127.0.0.1',
      'x'.repeat(5000),
      String.fromCharCode(...Array.from({ length: 1 + this.int(12) }, () => 32 + this.int(95))),
    ]);
  }

  /** Any value a caller might hand in; `depth` bounds nesting. */
  value(depth = 0): unknown {
    switch (this.int(depth > 2 ? 8 : 12)) {
      case 0:
        return this.number();
      case 1:
        return this.pick([10n, -1n, 0n, 2n ** 64n]);
      case 2:
        return this.string();
      case 3:
        return this.pick([Symbol('fuzz'), Symbol.iterator]);
      case 4:
        return this.pick([null, undefined]);
      case 5:
        return this.chance(0.5);
      case 6:
        return this.pick([() => undefined, function named() {
          return 1;
        }, class Thing {}, async () => undefined]);
      case 7:
        return this.pick([new Date(Number.NaN), new Map([[1, 2]]), Buffer.from('x'), /x/, new (class Widget {})(), Object.freeze({})]);
      case 8:
        return Array.from({ length: this.int(4) }, () => this.value(depth + 1));
      case 9:
        return this.circular();
      case 10:
        return this.oddObject();
      default:
        return this.object(['a', 'b', 'path', 'port', 'timeoutMs'], depth + 1);
    }
  }

  /** An object, an array or a sparse array that contains itself. */
  circular(): object {
    switch (this.int(3)) {
      case 0: {
        const object: Record<string, unknown> = { a: 1 };
        object.self = object;
        return object;
      }
      case 1: {
        const array: unknown[] = [1];
        array.push(array);
        return array;
      }
      default: {
        const sparse: unknown[] = [];
        sparse[5] = sparse;
        return sparse;
      }
    }
  }

  /** Objects with keys that trip naive code. */
  oddObject(): object {
    return this.pick<() => object>([
      () => Object.create(null) as object,
      () => JSON.parse('{"__proto__": {"polluted": 1}}') as object,
      () => ({ toString: 5, valueOf: 'x' }),
      () => ({ constructor: 1, hasOwnProperty: null }),
      () => ({ length: -1 }),
      () => ({ '': 1, ' ': 2, '0': 3 }),
      () => ({ [Symbol('key')]: 1 }),
    ])();
  }

  /** A plain object with a random subset of `keys`, each with a value from `valueFor` (default: any). */
  object(keys: readonly string[], depth = 0, valueFor?: (key: string) => unknown): Record<string, unknown> {
    const object: Record<string, unknown> = {};
    for (const key of keys) {
      if (this.chance(0.4)) object[key] = valueFor?.(key) ?? this.value(depth);
    }
    return object;
  }

  /** `name` misspelled: a letter dropped, doubled or swapped, or the case changed. */
  misspell(name: string): string {
    const at = this.int(Math.max(1, name.length - 1));
    switch (this.int(4)) {
      case 0:
        return name.slice(0, at) + name.slice(at + 1);
      case 1:
        return name.slice(0, at) + name[at] + name.slice(at);
      case 2:
        return name.slice(0, at) + (name[at + 1] ?? '') + name[at] + name.slice(at + 2);
      default:
        return name.toLowerCase() === name ? name.toUpperCase() : name.toLowerCase();
    }
  }
}
