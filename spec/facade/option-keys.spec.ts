import { createNetwork, Credentials, Hologram, InvalidArgumentError } from 'hologram-rx';
import { CellularNetwork, InterfaceNetwork, ManualNetwork, NoneNetwork, PPPLink, type InterfaceReader } from 'hologram-rx/network';
import { InboundListener } from 'hologram-rx/inbound';
import { checkOptions, isPlainObject } from '../../lib/options/check-options';
import { describeValue } from '../../lib/options/describe-value';

const credentials = () => new Credentials('abcd', 'efgh');

/** The error `run` throws or rejects with. */
async function failure(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('checkOptions', () => {
  const KEYS = { sendHost: true, sendPort: true, timeoutMs: true } as const;

  it('accepts undefined (as {}), plain objects and objects without a prototype', () => {
    expect(checkOptions('options', undefined, KEYS)).toEqual({});
    const given = { sendHost: 'a' };
    expect(checkOptions('options', given, KEYS)).toBe(given);
    const bare = Object.assign(Object.create(null) as object, { timeoutMs: 5 });
    expect(checkOptions('options', bare, KEYS)).toBe(bare);
    expect(checkOptions('options', Object.freeze({ sendPort: 1 }), KEYS)).toEqual({ sendPort: 1 });
  });

  it.each([
    ['sendhost', 'did you mean sendHost?'],
    ['send_host', 'did you mean sendHost?'],
    ['timeout', 'did you mean timeoutMs?'],
    ['sendPrt', 'did you mean sendPort?'],
    ['bogus', 'the options are sendHost, sendPort, timeoutMs'],
    ['__proto__x', 'the options are sendHost, sendPort, timeoutMs'],
  ])('refuses the unknown key %s: %s', (key, hint) => {
    const error = (() => {
      try {
        checkOptions('options', { [key]: 1 }, KEYS);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ argument: `options.${key}`, message: `options has no option ${JSON.stringify(key)}: ${hint}` });
  });

  it.each<[string, unknown, string]>([
    ['null', null, 'null'],
    ['a bigint', 10n, '10n'],
    ['a number', 5, '5'],
    ['a string', 'path', '"path"'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['an array', [1], '[1]'],
    ['a function', function named() {}, '[function named]'],
    ['a Map', new Map(), '{}'],
    ['a class instance', new (class Settings {})(), '{}'],
  ])('refuses %s, naming it', (_what, value, shown) => {
    expect(() => checkOptions('outbox', value as object, KEYS)).toThrow(`outbox must be an object of options, got ${shown}`);
  });

  it('tells plain objects apart', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
    expect(isPlainObject(null)).toBe(false);
  });
});

describe('describeValue', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  const array: unknown[] = [];
  array.push(array);

  it.each<[unknown, string]>([
    [undefined, 'undefined'],
    [null, 'null'],
    [NaN, 'NaN'],
    [-1.5, '-1.5'],
    [10n, '10n'],
    ['text', '"text"'],
    [Symbol.iterator, 'Symbol(Symbol.iterator)'],
    [() => 1, '[function anonymous]'],
    [{ a: 1n }, '{"a":"1n"}'],
    [circular, '[circular object]'],
    [array, '[circular array]'],
    [{ toString: 5 }, '{"toString":5}'],
    ['x'.repeat(100), `"${'x'.repeat(76)}...`],
  ])('%p -> %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  it('a revoked Proxy (which throws even on Array.isArray) -> [unreadable object]', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(describeValue(proxy)).toBe('[unreadable object]');
  });
});

describe('options of the public API: a misspelled key is refused, never ignored', () => {
  it('new Hologram: sendhost (which would send to the real cloud)', () => {
    expect(() => new Hologram(credentials(), { sendhost: '127.0.0.1' } as never)).toThrow('options has no option "sendhost": did you mean sendHost?');
  });

  it('new Hologram: outbox { pth } (which would silently not be durable), and backoff keys', () => {
    expect(() => new Hologram(credentials(), { outbox: { pth: '/tmp/x.db' } } as never)).toThrow('outbox has no option "pth": did you mean path?');
    expect(() => new Hologram(credentials(), { backoff: { initalMs: 5 } } as never)).toThrow('backoff has no option "initalMs": did you mean initialMs?');
  });

  it('new Hologram: values that are not what the option takes are named, not a TypeError', () => {
    expect(() => new Hologram(credentials(), { outbox: 10n } as never)).toThrow('outbox must be an object of options, got 10n');
    expect(() => new Hologram(credentials(), null as never)).toThrow('options must be an object of options, got null');
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => new Hologram(credentials(), { outbox: { path: circular } } as never)).toThrow(InvalidArgumentError);
    expect(() => new Hologram(credentials(), { sendPort: circular } as never)).toThrow('sendPort must be a port number from 1 to 65535, got [circular object]');
    expect(() => new Hologram(credentials(), { scheduler: {} } as never)).toThrow('scheduler must be an RxJS scheduler (now, schedule), got {}');
    expect(() => new Hologram(credentials(), { transport: 5 } as never)).toThrow('transport must be a Transport (exchange$), got 5');
    expect(() => new Hologram(credentials(), { network: 5 } as never)).toThrow("network must be a Network or a network name such as 'cellular', got 5");
  });

  describe('on a Hologram', () => {
    let hologram: Hologram;
    beforeEach(() => {
      hologram = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: 9 });
    });
    afterEach(() => hologram.close());

    it('sendMessage / sendMessage$: { timeout } is refused before anything is accepted', async () => {
      await expect(hologram.sendMessage('x', [], { timeout: 5 } as never)).rejects.toThrow('options has no option "timeout": did you mean timeoutMs?');
      expect(() => hologram.sendMessage$('x', [], { timeout: 5 } as never)).toThrow(InvalidArgumentError);
      await expect(hologram.sendMessage('x', [], null as never)).rejects.toThrow('options must be an object of options, got null');
      expect(hologram.outbox.stats().pendingCount).toBe(0);
    });

    it('sendPort = 10n is an InvalidArgumentError naming 10n', () => {
      expect(() => (hologram.sendPort = 10n as never)).toThrow('sendPort must be a port number from 1 to 65535, got 10n');
      expect(() => (hologram.sendHost = 10n as never)).toThrow('sendHost must be a host name or address, got 10n');
    });
  });

  const reader: InterfaceReader = { read: () => ({ operstate: 'up', carrier: true }), list: () => ['eth0'] };

  it.each<[string, () => unknown, string]>([
    ['createNetwork', () => createNetwork('manual', { conected: false } as never), 'options has no option "conected": did you mean connected?'],
    ['new NoneNetwork', () => new NoneNetwork({ schedular: undefined } as never), 'options has no option "schedular": did you mean scheduler?'],
    ['new ManualNetwork', () => new ManualNetwork({ connectd: false } as never), 'options has no option "connectd": did you mean connected?'],
    ['new ManualNetwork (value)', () => new ManualNetwork({ connected: 'no' } as never), 'connected must be true or false, got "no"'],
    ['new InterfaceNetwork', () => new InterfaceNetwork({ network: 'ethernet', reader, pollInterval: 5 } as never), 'options has no option "pollInterval": did you mean pollIntervalMs?'],
    ['new CellularNetwork', () => new CellularNetwork({ device: '/dev/null' }, { autoconnect: false } as never), 'options has no option "autoconnect": did you mean autoConnect?'],
    ['new CellularNetwork (backoff)', () => new CellularNetwork({ device: '/dev/null' }, { autoConnect: false, backoff: { maxMS: 1 } } as never), 'backoff has no option "maxMS": did you mean maxMs?'],
    ['new PPPLink', () => new PPPLink({ device: '/dev/ttyUSB0', pppd: 'pppd' } as never), 'options has no option "pppd": did you mean pppdPath?'],
    ['InboundListener.listen', () => InboundListener.listen({ prot: 0 } as never), 'options has no option "prot": did you mean port?'],
  ])('%s', async (_entry, run, message) => {
    const error = await failure(run);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe(message);
  });

  it('createNetwork hands each network only its own options: a cellular option is no error on the default network', async () => {
    const network = createNetwork('', { apn: 'hologram', interfaceName: undefined });
    expect(network).toBeInstanceOf(NoneNetwork);
    await network.close();
  });
});
