import { SDK_VERSION } from '../lib/sdk-version';
import createDebug from 'debug';
import { connect } from 'node:net';
import { BehaviorSubject, config, filter, firstValueFrom, from, lastValueFrom, map, Observable, of, take, timeout, toArray } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { PeriodicMessageRunningError } from '../lib/delivery/periodic-message-running-error';
import { Credentials } from '../lib/cloud/credentials';
import type { Transport } from '../lib/cloud/transport';
import { InvalidArgumentError } from '../lib/errors';
import { ClosedError } from '../lib/closed-error';
import { MessageAttemptsExhaustedError } from '../lib/delivery/message-attempts-exhausted-error';
import { MessageDroppedError } from '../lib/delivery/message-dropped-error';
import { MessageFailedError } from '../lib/delivery/message-failed-error';
import type { MessageBuffered, MessageFailure, MessageReceived } from '../lib/events/hologram-events';
import { InboundListenError } from '../lib/inbound/inbound-listen-error';
import { Hologram } from '../lib/hologram';
import { ManualNetwork } from '../lib/network/manual-network';
import type { Network } from '../lib/network/network';
import type { NetworkState } from '../lib/network/network-state';
import { CloudEmulator } from '../lib/testing/cloud-emulator';
import { duplexPair, ModemSimulator } from '../lib/testing/modem-simulator';
import { Modem } from '../lib/modem/modem';
import { encodeDeliver } from '../lib/modem/sms/encode-deliver';
import { CellularNetwork } from '../lib/network/cellular/cellular-network';
import '../lib/network/cellular/register-cellular-network';
import { openPtyPair } from '../lib/testing/pty-pair';
import { sendInbound } from './support/send-inbound';

describe('Hologram', () => {
  let emulator: CloudEmulator;
  let port: number;
  let hologram: Hologram;
  const credentials = () => new Credentials('abcd', 'efgh');

  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: ['abcdefgh'] });
    port = await emulator.listen();
    hologram = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: port });
  });
  afterEach(async () => {
    hologram.close();
    await emulator.close();
  });

  it('has the properties of the reference, with hologram_cloud defaults', () => {
    const plain = new Hologram(credentials());
    expect(plain.messageMode).toBe('hologram_cloud');
    expect(plain.sendHost).toBe('cloudsocket.hologram.io');
    expect(plain.sendPort).toBe(9999);
    expect(plain.authentication).toBe('devicekey');
    expect(plain.network.name).toBe('');
    expect(plain.network.state.kind).toBe('connected');
    expect(plain.getSDKVersion()).toBe(require('../package.json').version);
    plain.messageMode = 'tcp-other';
    expect(plain.sendHost).toBeUndefined();
    expect(plain.authentication).toBe('none');
    plain.sendPort = '7000';
    expect(plain.sendPort).toBe(7000);
    expect(() => (plain.messageMode = 'raw' as never)).toThrow(/message mode "raw" is not supported/);
    expect(() => (plain.sendPort = 70000)).toThrow(InvalidArgumentError);
    plain.close();
  });

  it('sends a message with topics and resolves with the result', async () => {
    const result = await hologram.sendMessage('msg1', ['TOPIC 1', 'TOPIC 2']);
    expect(result).toMatchObject({ code: 0, name: 'ERR_OK', description: 'Message sent successfully', ok: true });
    expect(result.message).toEqual({ data: 'msg1', topics: ['TOPIC 1', 'TOPIC 2'] });
    expect(emulator.messages).toEqual([
      { kind: 'message', deviceKey: 'abcdefgh', data: 'msg1', topics: ['TOPIC 1', 'TOPIC 2'], metadata: `\u0001agnostic-${SDK_VERSION}`, code: 0 },
    ]);
  });

  it('rejects with MessageFailedError for a permanent code, and the next message still goes', async () => {
    hologram.credentials = new Credentials('zzzz', 'zzzz');
    const refused = hologram.sendMessage('x');
    await expect(refused).rejects.toBeInstanceOf(MessageFailedError);
    await expect(refused).rejects.toMatchObject({ code: 3, result: { name: 'ERR_AUTHINVALID', ok: false, retryable: false } });
    hologram.credentials = credentials();
    expect(await hologram.sendMessage('y')).toMatchObject({ code: 0, ok: true });
    expect(hologram.outbox.stats()).toMatchObject({ pendingCount: 0, delivered: 1, failed: 1 });
  });

  it('with maxAttempts, gives up on an unreachable cloud with the last transient result', async () => {
    await emulator.refuseConnections(true);
    const once = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: port, maxAttempts: 2, backoff: { initialMs: 5, maxMs: 5 } });
    const failures: MessageFailure[] = [];
    once.event.subscribe('message.failed', (failure) => failures.push(failure));
    const failed = once.sendMessage('x');
    await expect(failed).rejects.toBeInstanceOf(MessageAttemptsExhaustedError);
    await expect(failed).rejects.toMatchObject({ code: -1, attempts: 2, result: { name: 'ERR_UNKNOWN', retryable: true } });
    await expect(failed).rejects.toThrow(/not delivered after 2 attempts: ERR_UNKNOWN \(-1\): No reply: connection refused/);
    expect(failures).toHaveLength(1);
    expect(failures[0]?.error).toBeInstanceOf(MessageAttemptsExhaustedError);
    expect(once.outbox.stats()).toMatchObject({ pendingCount: 0, failed: 1, retries: 1 });
    once.close();
  });

  it('holds messages while a manual network is down (message.buffered), then delivers them in order', async () => {
    const network = new ManualNetwork({ connected: false });
    const offline = new Hologram(credentials(), { network, sendHost: '127.0.0.1', sendPort: port });
    const buffered: MessageBuffered[] = [];
    const connected: NetworkState[] = [];
    offline.event.subscribe('message.buffered', (event) => buffered.push(event));
    offline.event.subscribe('network.connected', (state) => connected.push(state));
    expect(offline.network).toBe(network);
    const results = lastValueFrom(offline.results$.pipe(take(3), toArray()));
    const first = offline.sendMessage('one', 'T1');
    offline.send$.next({ data: 'two', topics: ['T2'] });
    offline.send$.next('three');
    await firstValueFrom(offline.outbox.stats$.pipe(filter((stats) => stats.pendingCount === 3)));
    // sendMessage stores its message at once; what is piped into send$ in one run is one burst, one
    // outbox write: each reports what waits once it (with its burst) was stored.
    expect(buffered.map((event) => [event.message.data, event.pending])).toEqual([['one', 1], ['two', 3], ['three', 3]]);
    expect(emulator.connectionCount).toBe(0);
    network.setConnected(true);
    expect((await first).message).toEqual({ data: 'one', topics: ['T1'] });
    expect((await results).map((result) => [result.message.data, result.code])).toEqual([['one', 0], ['two', 0], ['three', 0]]);
    expect(emulator.messages.map((frame) => [frame.data, frame.topics])).toEqual([['one', ['T1']], ['two', ['T2']], ['three', []]]);
    expect(connected).toHaveLength(1);
    offline.close();
    network.setConnected(false); // the facade did not close a network it was given
    network.close();
  });

  it('builds a network from its name and closes it on close(); refuses unknown names and bad options', async () => {
    const named = new Hologram(credentials(), { network: 'manual', sendHost: '127.0.0.1', sendPort: port });
    const states: string[] = [];
    named.network$.subscribe({ next: (state) => states.push(state.kind), complete: () => states.push('complete') });
    expect(named.network.name).toBe('manual');
    named.close();
    expect(states).toEqual(['connected', 'complete']);
    expect(() => new Hologram(credentials(), { network: 'carrier-pigeon' as never })).toThrow(/carrier-pigeon/);
    expect(() => new Hologram(credentials(), { concurrency: 0 })).toThrow(InvalidArgumentError);
    expect(() => new Hologram(credentials(), { maxAttempts: 0 })).toThrow(/maxAttempts must be a whole number from 1 or Infinity, got 0/);
    expect(() => new Hologram(credentials(), { outbox: { maxMessages: -1 } })).toThrow(/maxMessages/);
    expect(() => new Hologram(credentials(), { outbox: 'big' as never })).toThrow(/outbox must be an object/);
  });

  it('sends a periodic message through the outbox, in virtual time (an in-memory transport stands in for TCP here)', marbles((m) => {
    const sentAt: Array<[number, string]> = [];
    const transport: Transport = {
      exchange$: (request) => {
        sentAt.push([m.scheduler.now(), request.payload.toString()]);
        return of(Buffer.from('[0,0]'));
      },
    };
    const periodic = new Hologram(credentials(), { sendHost: 'cloud.invalid', sendPort: 9999, transport, scheduler: m.scheduler });
    const network = new ManualNetwork({ connected: true, scheduler: m.scheduler });
    const offline = new Hologram(credentials(), { network, sendHost: 'cloud.invalid', sendPort: 9999, transport, scheduler: m.scheduler });
    expect(() => periodic.sendPeriodicMessage(0.5, 'beat')).toThrow(/intervalSeconds must be a number of seconds >= 1, got 0.5/);
    periodic.sendPeriodicMessage(1, 'beat', 'hb');
    expect(periodic.periodicMessageRunning()).toBe(true);
    expect(() => periodic.sendPeriodicMessage(5, 'other')).toThrow(PeriodicMessageRunningError);
    m.scheduler.schedule(() => periodic.stopPeriodicMessage(), 2500);
    // On a network that is down from 500 to 3500 ms, the ticks at 1000..3000 wait and go together.
    offline.sendPeriodicMessage(1, 'held');
    m.scheduler.schedule(() => network.setConnected(false), 500);
    m.scheduler.schedule(() => network.setConnected(true), 3500);
    m.scheduler.schedule(() => offline.close(), 3600);
    m.flush();
    expect(periodic.periodicMessageRunning()).toBe(false);
    const beats = sentAt.filter(([, frame]) => frame.includes('beat'));
    expect(beats.map(([at]) => at)).toEqual([0, 1000, 2000]);
    expect(beats[0]?.[1]).toContain('"t":["hb"]');
    expect(sentAt.filter(([, frame]) => frame.includes('held')).map(([at]) => at)).toEqual([0, 3500, 3500, 3500]);
    expect(offline.periodicMessageRunning()).toBe(false); // close() stopped it
    periodic.close();
    network.close();
  }));

  it('reports an overflowing outbox on message.dropped and rejects the dropped message', async () => {
    const network = new ManualNetwork({ connected: false });
    const small = new Hologram(credentials(), { network, sendHost: '127.0.0.1', sendPort: port, outbox: { maxMessages: 2 } });
    const dropped: string[] = [];
    small.event.subscribe('message.dropped', (event) => dropped.push(`${event.message.data}:${event.reason}`));
    const oldest = small.sendMessage('a');
    small.send$.next('b');
    small.send$.next('c');
    await expect(oldest).rejects.toBeInstanceOf(MessageDroppedError);
    expect(dropped).toEqual(['a:drop-oldest']);
    expect(small.outbox.stats()).toMatchObject({ pendingCount: 2, dropped: 1 });
    small.close();
    network.close();
  });

  it('sends what is piped into send$ one at a time, in order, with results$ in order', async () => {
    const results = lastValueFrom(hologram.results$.pipe(take(5), toArray()));
    emulator.faults.replyDelayMs = 5;
    from(['m0', { data: 'm1', topics: ['t'] }, 'm2', 'm3', 'm4']).subscribe(hologram.send$);
    const received = await results;
    expect(received.map((result) => [result.message.data, result.code])).toEqual([
      ['m0', 0],
      ['m1', 0],
      ['m2', 0],
      ['m3', 0],
      ['m4', 0],
    ]);
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(emulator.messages[1]?.topics).toEqual(['t']);
  });

  it('keeps send$ open after a source completes or fails', async () => {
    from(['a']).subscribe(hologram.send$);
    new Observable<string>((subscriber) => subscriber.error(new Error('sensor broke'))).subscribe(hologram.send$);
    const next = firstValueFrom(hologram.results$.pipe(take(2), toArray()));
    from(['b']).subscribe(hologram.send$);
    expect((await next).map((result) => result.message.data)).toEqual(['a', 'b']);
  });

  it('broadcasts message.sent once per delivered message and message.failed otherwise', async () => {
    const sent: string[] = [];
    const failed: MessageFailure[] = [];
    const onSent = (result: { message: { data: string } }) => sent.push(result.message.data);
    hologram.event.subscribe('message.sent', onSent);
    hologram.event.subscribe('message.failed', (failure) => failed.push(failure));
    await hologram.sendMessage('one');
    emulator.faults.answerCode = 8;
    await expect(hologram.sendMessage('two')).rejects.toMatchObject({ code: 8 });
    emulator.faults.answerCode = undefined;
    hologram.event.unsubscribe('message.sent', onSent);
    await hologram.sendMessage('three');
    expect(sent).toEqual(['one']);
    expect(failed.map((failure) => [failure.message?.data, failure.result?.code])).toEqual([['two', 8]]);
    expect(failed[0]?.error).toBeInstanceOf(MessageFailedError);
  });

  it('keeps delivering and notifying when a callback throws', async () => {
    const seen: string[] = [];
    hologram.event.subscribe('message.sent', () => {
      throw new Error('callback bug');
    });
    hologram.event.subscribe('message.sent', (result) => seen.push(result.message.data));
    await hologram.sendMessage('a');
    await hologram.sendMessage('b');
    expect(seen).toEqual(['a', 'b']);
    expect(emulator.messages).toHaveLength(2);
  });

  it('keeps events per instance', async () => {
    const other = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: port });
    const otherSent: unknown[] = [];
    other.event.subscribe('message.sent', (result) => otherSent.push(result));
    await hologram.sendMessage('mine');
    expect(otherSent).toEqual([]);
    other.close();
  });

  it('reports input that is not a message on message.failed, sending nothing', async () => {
    const failures = firstValueFrom(hologram.event.on$('message.failed'));
    hologram.send$.next(42 as never);
    expect((await failures).error).toBeInstanceOf(InvalidArgumentError);
    expect(hologram.outbox.stats().refused).toBe(1);
    await expect(hologram.sendMessage({ data: 'x', topics: [7] } as never)).rejects.toThrow(/every topic must be a non-empty string/);
    expect(emulator.connectionCount).toBe(0);
  });

  it('after close(), send$ fails every message with ClosedError and counts it refused', async () => {
    const closing = new Hologram(credentials(), { sendHost: '127.0.0.1', sendPort: port });
    await closing.close();
    expect(() => closing.send$.next('late')).toThrow(ClosedError);
    // Piped in: RxJS hands what the sink throws to its unhandled-error hook, one per message.
    const unhandled: unknown[] = [];
    const before = config.onUnhandledError;
    config.onUnhandledError = (error) => unhandled.push(error);
    try {
      of('a', 'b').subscribe(closing.send$);
      await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      config.onUnhandledError = before;
    }
    expect(unhandled).toHaveLength(2);
    expect(unhandled[0]).toBeInstanceOf(ClosedError);
    expect(closing.outbox.stats()).toMatchObject({ refused: 3, pendingCount: 0 });
    expect(emulator.connectionCount).toBe(0);
  });

  it('sends an SMS through the cloud and broadcasts sms.sent', async () => {
    const sent = firstValueFrom(hologram.event.on$('sms.sent'));
    const result = await hologram.sendSMS('+11234567890', 'Hello, TypeScript!');
    expect(result).toMatchObject({ code: 0, ok: true });
    expect((await sent).destination).toBe('+11234567890');
    expect(emulator.received).toEqual([{ kind: 'sms', deviceKey: 'abcdefgh', destination: '+11234567890', body: 'Hello, TypeScript!', code: 0 }]);
  });

  it.each([
    ['a destination without +', '11234567890', 'hi', /destination "11234567890"/],
    ['a destination with \\r', '+1\r\rX', 'hi', /destination/],
    ['a body of 161 characters', '+11234567890', 'x'.repeat(161), /161 characters, more than 160/],
    ['a body with \\r', '+11234567890', 'a\rb', /carriage return/],
  ])('refuses an SMS with %s and makes no connection', async (_name, destination, body, message) => {
    await expect(hologram.sendSMS(destination, body)).rejects.toThrow(message);
    await expect(hologram.sendSMS(destination, body)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(emulator.connectionCount).toBe(0);
  });

  it('refuses SMS in tcp-other and without credentials, making no connection', async () => {
    const raw = new Hologram(credentials(), { messageMode: 'tcp-other', sendHost: '127.0.0.1', sendPort: port });
    await expect(raw.sendSMS('+11234567890', 'hi')).rejects.toThrow(/use messageMode hologram_cloud/);
    raw.close();
    const anonymous = new Hologram(new Credentials(), { sendHost: '127.0.0.1', sendPort: port });
    await expect(anonymous.sendSMS('+11234567890', 'hi')).rejects.toThrow(/needs a device key/);
    await expect(anonymous.sendMessage('hi')).rejects.toThrow(/needs a device key/);
    anonymous.close();
    expect(emulator.connectionCount).toBe(0);
  });

  it('sends raw bytes in tcp-other and returns the reply text', async () => {
    const raw = new Hologram(new Credentials(), { messageMode: 'tcp-other', sendHost: '127.0.0.1', sendPort: port });
    const result = await raw.sendMessage('{"k":"abcdefgh","d":"raw"}\r\r');
    expect(result).toMatchObject({ ok: true, description: '[0,0]', reply: '[0,0]' });
    raw.close();
    const unset = new Hologram(new Credentials(), { messageMode: 'tcp-other' });
    await expect(unset.sendMessage('x')).rejects.toThrow(/needs a host: set sendHost/);
    unset.sendHost = '127.0.0.1';
    await expect(unset.sendMessage('x')).rejects.toThrow(/needs a port: set sendPort/);
    unset.close();
  });

  it('uses the transport of the attached network and bridges its state to events', async () => {
    const state$ = new BehaviorSubject<NetworkState>({ kind: 'disconnected', reason: 'start', since: 0 });
    const used: string[] = [];
    const tcp = new (require('../lib/cloud/tcp-transport').TcpTransport)() as Transport;
    const network: Network = {
      name: 'manual',
      state$,
      connected$: state$.pipe(map((state) => state.kind === 'connected')),
      get state() {
        return state$.value;
      },
      connect: async () => undefined,
      disconnect: async () => undefined,
      close: async () => state$.complete(),
      modem: undefined,
      modem$: of(undefined),
      transport: {
        exchange$: (request) => {
          used.push(request.host);
          return tcp.exchange$(request);
        },
      },
    };
    const withNetwork = new Hologram(credentials(), { network, sendHost: '127.0.0.1', sendPort: port });
    const events: string[] = [];
    withNetwork.event.subscribe('network.connected', () => events.push('connected'));
    withNetwork.event.subscribe('network.disconnected', () => events.push('disconnected'));
    state$.next({ kind: 'connecting', reason: 'dial', since: 1 });
    state$.next({ kind: 'connected', since: 2 });
    state$.next({ kind: 'disconnected', reason: 'lost', since: 3 });
    expect(events).toEqual(['connected', 'disconnected']);
    expect(withNetwork.network).toBe(network);
    const delivered = withNetwork.sendMessage('via network');
    state$.next({ kind: 'connected', since: 4 });
    expect((await delivered).ok).toBe(true);
    expect(used).toEqual(['127.0.0.1']);
    withNetwork.close();
    expect(state$.closed).toBe(false);
  });

  it('closes: results$ completes, the message in flight is cancelled, later sends reject', async () => {
    emulator.faults.replyDelayMs = 60_000;
    const results = lastValueFrom(hologram.results$.pipe(toArray()));
    const pending = hologram.sendMessage('never answered');
    await firstValueFrom(emulator.received$);
    hologram.close();
    await expect(pending).rejects.toBeInstanceOf(ClosedError);
    await expect(pending).rejects.toMatchObject({ resource: 'delivery', message: expect.stringMatching(/is closed: message \d+ was not delivered/) });
    expect(await results).toEqual([]);
    // Nothing new starts once closed: one error says so, and no timer is left behind.
    await expect(hologram.sendMessage('late')).rejects.toMatchObject({ name: 'ClosedError', resource: 'hologram' });
    await expect(hologram.sendSMS('+15555550100', 'late')).rejects.toThrow('The Hologram instance is closed: create a new one to send SMS');
    expect(() => hologram.sendPeriodicMessage(1, 'late')).toThrow(ClosedError);
    expect(hologram.periodicMessageRunning()).toBe(false);
  });

  it('never writes the device key to any debug output during a send', async () => {
    const key = 'k3yQ9zX1';
    const lines: string[] = [];
    const originalLog = createDebug.log;
    createDebug.log = (...args: unknown[]) => lines.push(args.map(String).join(' '));
    createDebug.enable('hologram:*');
    try {
      const secretive = new Hologram(Credentials.fromDeviceKey(key), { sendHost: '127.0.0.1', sendPort: port });
      emulator.faults.answerCode = 3;
      await expect(secretive.sendMessage('secret test', ['t'])).rejects.toMatchObject({ code: 3 });
      await secretive.sendSMS('+15555550100', 'sms test');
      secretive.close();
    } finally {
      createDebug.disable();
      createDebug.log = originalLog;
    }
    expect(lines.some((line) => line.includes('hologram:cloud'))).toBe(true);
    expect(lines.some((line) => line.includes('hologram:tcp'))).toBe(true);
    expect(lines.join('\n')).not.toContain(key);
    expect(emulator.received.map((frame) => frame.kind)).toEqual(['invalid', 'invalid']);
  });
});

describe('Hologram receiving (real TCP to the host listener)', () => {
  let hologram: Hologram;
  beforeEach(() => {
    hologram = new Hologram(new Credentials('abcd', 'efgh'));
  });
  afterEach(() => hologram.close());

  it('emits each inbound message on receive$ and as message.received with its payload', async () => {
    const events: MessageReceived[] = [];
    hologram.event.subscribe('message.received', (message) => events.push(message));
    const receiving = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    expect(receiving).toEqual({ via: 'tcp', host: '127.0.0.1', port: expect.any(Number) });
    expect(receiving.port).toBeGreaterThan(0);
    expect(hologram.receiving).toEqual(receiving);
    const two = firstValueFrom(hologram.receive$.pipe(take(2), toArray()));
    await sendInbound(receiving.port, 'turn the valve off');
    await sendInbound(receiving.port, Buffer.from([0xe2, 0x9c, 0x93, 0x00, 0x01]));
    const messages = await two;
    expect(messages.map((m) => m.text)).toEqual(['turn the valve off', '✓\u0000\u0001']);
    expect(messages[1]?.data).toEqual(Buffer.from([0xe2, 0x9c, 0x93, 0x00, 0x01]));
    expect(messages[0]).toMatchObject({ via: 'tcp', remoteAddress: '127.0.0.1', remotePort: expect.any(Number), receivedAt: expect.any(Number) });
    expect(events).toEqual(messages);
  });

  it('passes the listener limits on: a silent connection does not keep a sender out', async () => {
    const receiving = await hologram.startReceiving({ host: '127.0.0.1', port: 0, maxConnections: 1, firstByteTimeoutMs: 5000 });
    const silent = connect({ host: '127.0.0.1', port: receiving.port });
    const silentClosed = new Promise<void>((resolve) => silent.once('close', () => resolve()));
    await new Promise((resolve) => silent.once('connect', resolve));
    await new Promise((resolve) => setTimeout(resolve, 100)); // past the grace a new connection gets
    const received = firstValueFrom(hologram.receive$);
    await sendInbound(receiving.port, 'through');
    expect((await received).text).toBe('through');
    await silentClosed; // it made room for the sender
  });

  it('is idempotent with the same options, refuses other options while receiving, and releases the port on stop', async () => {
    const first = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    await expect(hologram.startReceiving({ host: '127.0.0.1', port: 0 })).resolves.toEqual(first);
    await expect(hologram.startReceiving({ host: '127.0.0.1', port: 4999 })).rejects.toThrow(/already receiving \(tcp, port \d+\): call stopReceiving\(\)/);
    await hologram.stopReceiving();
    expect(hologram.receiving).toBeUndefined();
    await expect(sendInbound(first.port, 'nobody home')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    // The same port can be bound again.
    const again = await hologram.startReceiving({ host: '127.0.0.1', port: first.port });
    expect(again.port).toBe(first.port);
  });

  it('rejects bad options with the bad value named, and a port in use with InboundListenError', async () => {
    await expect(hologram.startReceiving({ port: 70000 })).rejects.toThrow(/port must be a port number from 0 \(any free port\) to 65535, got 70000/);
    await expect(hologram.startReceiving({ idleTimeoutMs: -1 })).rejects.toBeInstanceOf(InvalidArgumentError);
    const other = new Hologram(new Credentials('abcd', 'efgh'));
    const taken = await other.startReceiving({ host: '127.0.0.1', port: 0 });
    await expect(hologram.startReceiving({ host: '127.0.0.1', port: taken.port })).rejects.toBeInstanceOf(InboundListenError);
    other.close();
  });

  it('close() stops receiving, completes receive$, and sms$ completes at once without a modem', async () => {
    const { port } = await hologram.startReceiving({ host: '127.0.0.1', port: 0 });
    expect(hologram.modem).toBeUndefined();
    await expect(lastValueFrom(hologram.sms$.pipe(toArray()))).resolves.toEqual([]);
    let completed = false;
    hologram.receive$.subscribe({ complete: () => (completed = true) });
    const closing = [hologram.close(), hologram.close()];
    expect(completed).toBe(false); // the receiving port is still being closed
    await Promise.all(closing);
    expect(completed).toBe(true);
    // Resolved once the port was released: nothing listens there any more.
    await expect(sendInbound(port, 'late')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(hologram.startReceiving({ port: 0 })).rejects.toMatchObject({ name: 'ClosedError', resource: 'hologram' });
  });
});

describe('Hologram on a cellular network (simulated modem on an in-process stream)', () => {
  it('exposes the modem, forwards modem, cellular and sms.received events with their payloads, and sms$', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    const network = new CellularNetwork(modem, { backoff: { initialMs: 10, maxMs: 50 } });
    const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network });
    const names: string[] = [];
    for (const name of ['modem.registration', 'cellular.connected', 'cellular.disconnected', 'network.disconnected'] as const) {
      hologram.event.subscribe(name, () => names.push(name));
    }
    const smsEvent = firstValueFrom(hologram.event.on$('sms.received'));
    const viaStream = firstValueFrom(hologram.sms$);
    try {
      expect(hologram.modem).toBe(modem);
      await network.connect({ timeoutMs: 10_000 });
      simulator.injectSMS(encodeDeliver({ sender: '+15555550142', text: 'hello device', timestamp: new Date('2026-03-04T05:06:07Z') }).pdu);
      const event = await smsEvent;
      expect(event).toMatchObject({ sender: '+15555550142', body: 'hello device', timestamp: new Date('2026-03-04T05:06:07Z') });
      expect(event.message).toMatchObject({ from: '+15555550142', text: 'hello device', complete: true });
      expect((await viaStream).text).toBe('hello device');
      const registration = firstValueFrom(hologram.event.on$('modem.registration'));
      const lost = firstValueFrom(hologram.event.on$('cellular.disconnected'));
      simulator.setRegistration(2);
      expect(await registration).toMatchObject({ registered: false, status: 'searching', stat: 2 });
      expect(await lost).toMatchObject({ kind: 'disconnected', reason: expect.stringContaining('registration') });
      expect(names).toEqual(expect.arrayContaining(['cellular.connected', 'modem.registration', 'network.disconnected', 'cellular.disconnected']));
    } finally {
      hologram.close();
      await network.close();
      await modem.close();
      await simulator.close();
    }
  });

  it('delivers the modem events of construction time to callbacks subscribed right after new Hologram()', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    const network = new CellularNetwork(modem, { backoff: { initialMs: 10, maxMs: 50 } });
    await network.connect({ timeoutMs: 10_000 });
    // The modem is ready and registered before the facade exists: its state is what a caller
    // subscribing right after construction must see.
    const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network });
    const seen: string[] = [];
    hologram.event.subscribe('modem.connected', () => seen.push('modem.connected'));
    const registration = firstValueFrom(hologram.event.on$('modem.registration').pipe(timeout(5000)));
    try {
      expect(await registration).toMatchObject({ registered: true, status: 'home' });
      expect(seen).toEqual(['modem.connected']);
    } finally {
      hologram.close();
      await network.close();
      await modem.close();
      await simulator.close();
    }
  });
});

describe('Hologram on a cellular network built from its name (simulated modem on a real pty)', () => {
  it('follows the modem as soon as the network opened it: modem events, sms$ and sms.received before any state change', async () => {
    const pair = await openPtyPair();
    // Searching, never registered: the network stays `connecting` after opening the modem.
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201', registration: { stat: 2 } });
    simulator.attach(pair.stream);
    const hologram = new Hologram(new Credentials('abcd', 'efgh'), { network: 'cellular', device: pair.path, apn: 'hologram' });
    const within = <T>(source: Observable<T>) => firstValueFrom(source.pipe(timeout(10_000)));
    const connected = within(hologram.event.on$('modem.connected'));
    const registration = within(hologram.event.on$('modem.registration'));
    const smsEvent = within(hologram.event.on$('sms.received'));
    const viaStream = within(hologram.sms$);
    try {
      expect(hologram.modem).toBeUndefined();
      expect(await connected).toMatchObject({ driver: expect.any(String), port: pair.path });
      expect(await registration).toMatchObject({ registered: false, status: 'searching' });
      expect(hologram.network.state).toMatchObject({ kind: 'connecting' });
      expect(hologram.modem).toBeDefined();
      expect(hologram.modem?.path).toBe(pair.path);
      simulator.injectSMS(encodeDeliver({ sender: '+15555550143', text: 'to a modem opened by name', timestamp: new Date('2026-03-04T05:06:07Z') }).pdu);
      expect(await smsEvent).toMatchObject({ sender: '+15555550143', body: 'to a modem opened by name' });
      expect((await viaStream).text).toBe('to a modem opened by name');
      expect(hologram.network.state).toMatchObject({ kind: 'connecting' });
    } finally {
      hologram.close();
      await (hologram.network as CellularNetwork).close();
      await simulator.close();
      await pair.close();
    }
  });
});
