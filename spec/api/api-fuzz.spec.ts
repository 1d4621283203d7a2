import { HologramAPI, pollSIMState, selectablePlans } from '../../lib/api';
import { HologramError, InvalidArgumentError } from '../../lib/errors';
import { RESTEmulator } from '../../lib/testing';
import { seededRandom } from '../modem/sms/seeded-random';

/**
 * Every public entry point of the REST client with thousands of random values (seeded, so a
 * failure replays): whatever comes in, what goes out is a result or a `HologramError` (an
 * `InvalidArgumentError` naming the value, or an `APIError` from the emulator when the random
 * value happened to be valid), never a `TypeError` or another plain error.
 */

const KEY = 'fuzzKey-4Hq8Wm';
const SIM = '8944500102198304826';
const ROUNDS = 2000;

const KNOWN_KEYS = ['startafter', 'apiKey', 'username', 'password', 'baseURL', 'timeoutMs', 'maxBodyBytes', 'pageSize', 'allowInsecureHTTP', 'sim', 'plan', 'zone', 'preview', 'orgid', 'tagid', 'overageLimit', 'threshold', 'smsLimit', 'intervalMs', 'waitMs', 'scheduler'];

function randomValue(random: () => number, depth = 0): unknown {
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  switch (Math.floor(random() * 16)) {
    case 0:
      return pick([0, -0, 1, -1, 1.5, NaN, Infinity, -Infinity, 2 ** 53, 2 ** 31, Number.MIN_VALUE, 10, 202]);
    case 1:
      return pick([0n, 10n, -1n, 2n ** 70n]);
    case 2:
      return Symbol('fuzz');
    case 3:
      return pick(['', ' ', 'global', '1', SIM, `${SIM}0`, '12ab', 'a'.repeat(5000), 'x\u0000y', 'ü', 'http://localhost:1', 'ftp://x', 'https://user:pw@host/', KEY]);
    case 4:
      return pick([true, false]);
    case 5:
      return pick([null, undefined]);
    case 6:
      return depth > 2 ? [] : Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
    case 7:
    case 8:
    case 9: {
      if (depth > 2) return {};
      const object: Record<string, unknown> = random() < 0.2 ? Object.create(null) : {};
      const count = Math.floor(random() * 4);
      for (let i = 0; i < count; i += 1) object[random() < 0.8 ? pick(KNOWN_KEYS) : `k${Math.floor(random() * 5)}`] = randomValue(random, depth + 1);
      return object;
    }
    case 10:
      return () => undefined;
    case 11: {
      const circular: Record<string, unknown> = { sim: SIM };
      circular.self = circular;
      return circular;
    }
    case 12:
      return new Proxy(
        {},
        {
          ownKeys() {
            throw new TypeError('trap');
          },
          get() {
            throw new TypeError('trap');
          },
        },
      );
    case 13: {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }
    case 14:
      return pick([new Date(0), new Map(), new Set(), /re/, new Uint8Array(2)]);
    default:
      return { apiKey: KEY, sim: SIM, plan: pick([1, 10, 0, -3, '10']), zone: pick(['global', 1, 'a b', undefined]) };
  }
}

/** Runs `call`; a result or a `HologramError` passes, anything else fails the spec with the input that caused it. */
async function survives(label: string, input: unknown, call: () => unknown): Promise<void> {
  try {
    const value = call();
    if (value instanceof Promise) await value;
  } catch (error) {
    if (error instanceof HologramError) return;
    const shown = (() => {
      try {
        return String(input);
      } catch {
        return typeof input;
      }
    })();
    throw new Error(`${label}(${shown}) threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

describe('REST client fuzz', () => {
  let emulator: RESTEmulator;
  let api: HologramAPI;

  beforeAll(async () => {
    emulator = new RESTEmulator({ apiKeys: [KEY], sims: [SIM] });
    await emulator.listen();
    api = new HologramAPI({ apiKey: KEY }, { baseURL: emulator.baseURL, timeoutMs: 2000 });
  });
  afterAll(() => emulator.close());

  it(`lets no TypeError out of any public entry point (${ROUNDS} rounds of random values)`, async () => {
    const random = seededRandom(0x5eed);
    let invalid = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      const a = randomValue(random);
      const b = randomValue(random);
      await survives('new HologramAPI', [a, b], () => new HologramAPI(a as never, b as never));
      await survives('new HologramAPI(valid, options)', b, () => new HologramAPI({ apiKey: KEY }, b as never));
      await survives('getSIMState', a, () => api.getSIMState(a as never));
      await survives('activateSIM', a, () => api.activateSIM(a as never));
      await survives('getCellularLinks', a, () => api.getCellularLinks(a as never));
      await survives('getCellularLinksPage', a, () => api.getCellularLinksPage(a as never));
      await survives('selectablePlans', a, () => selectablePlans(a as never));
      await survives('pollSIMState', [a, b], () => pollSIMState(a as never, b as never));
      await survives('pollSIMState(read, options)', b, () => pollSIMState(() => Promise.resolve('LIVE'), b as never));
      try {
        await api.activateSIM(a as never);
      } catch (error) {
        if (error instanceof InvalidArgumentError) invalid += 1;
      }
    }
    // Nearly every random value is refused before any request; those refusals name what they refused.
    expect(invalid).toBeGreaterThan(ROUNDS * 0.9);
  }, 120_000);

  it.each([
    ['activateSIM(undefined)', () => api.activateSIM(undefined as never), /activateSIM needs \{ sim, plan \}, got undefined/],
    ['getSIMState(10n)', () => api.getSIMState(10n as never), /sim must be the SIM's ICCID \(18 to 22 digits\), got 10n/],
    ['new HologramAPI(creds, null)', () => new HologramAPI({ apiKey: KEY }, null as never), /options must be an object of options, got null/],
    ['new HologramAPI(null)', () => new HologramAPI(null as never), /needs credentials/],
    ['activateSIM({ sim: Symbol() })', () => api.activateSIM({ sim: Symbol('x') } as never), /got Symbol\(x\)/],
    ['getCellularLinks({ sim: 5 })', () => api.getCellularLinks({ sim: 5 } as never), /got 5/],
    [
      'a revoked Proxy as options',
      () => {
        const { proxy, revoke } = Proxy.revocable({}, {});
        revoke();
        return new HologramAPI({ apiKey: KEY }, proxy);
      },
      /options cannot be read/,
    ],
  ])('%s is an InvalidArgumentError naming the value', async (_, call, message) => {
    const error = await (async () => call())().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(message);
  });
});
