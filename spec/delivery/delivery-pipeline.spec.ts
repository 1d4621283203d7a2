import { BehaviorSubject, map, NEVER, Observable, of, throwError, timer, type SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import type { SendResult } from '../../lib/cloud/send-result';
import { DeliveryPipeline, type DeliveryPipelineOptions } from '../../lib/delivery/delivery-pipeline';
import { messageResult } from '../../lib/delivery/message-result';
import { ClosedError } from '../../lib/closed-error';
import type { DeliveryEvent, DeliveryResult } from '../../lib/delivery/delivery-event';
import { MessageDroppedError } from '../../lib/delivery/message-dropped-error';
import { MessageAttemptsExhaustedError } from '../../lib/delivery/message-attempts-exhausted-error';
import { MessageFailedError } from '../../lib/delivery/message-failed-error';
import { InvalidArgumentError } from '../../lib/errors';
import { OutboxOverflowError } from '../../lib/operators/outbox-overflow-error';
import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';
import { AUTH_INVALID, CONN_CLOSED, fakeSend, INTERNAL, OK, UNKNOWN } from './fake-send';
import { recordingStore } from './recording-store';

const msg = (data: string, topics: string[] = []): OutboundMessage => ({ data, topics });
const connectedValues = { t: true, f: false };
/** Answers `result` after `frames` frames. */
const after = (frames: number, result: SendResult, scheduler: SchedulerLike): Observable<SendResult> =>
  timer(frames, scheduler).pipe(map(() => result));
const noJitter = { initialMs: 10, maxMs: 80, resetAfterMs: 50, random: () => 1 };

/** Runs a pipeline in virtual time and records everything it reports, with frames. */
function harness(scheduler: SchedulerLike, options: Omit<DeliveryPipelineOptions, 'scheduler'>) {
  const pipeline = new DeliveryPipeline({ backoff: noJitter, ...options, scheduler });
  const results: Array<[number, string, number]> = [];
  const events: Array<[number, DeliveryEvent['type'], string]> = [];
  pipeline.results$.subscribe((r: DeliveryResult) => results.push([scheduler.now(), r.message.data, r.result.code]));
  pipeline.events$.subscribe((e) =>
    events.push([scheduler.now(), e.type, 'entry' in e ? e.entry.message.data : 'message' in e ? e.message.data : e.health.kind]),
  );
  pipeline.start();
  return { pipeline, results, events };
}

describe('DeliveryPipeline', () => {
  it('holds messages while disconnected and delivers them in order once connected', marbles((m) => {
    const connected$ = m.hot('f-----t----------', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(2, OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send });
    m.expect(pipeline.results$.pipe(map((r) => r.message.data))).toBeObservable('--------a-b-c----');
    m.scheduler.schedule(() => ['a', 'b', 'c'].forEach((data) => pipeline.enqueue(msg(data))), 1);
  }));

  it('sends what waits at start at once when the link is already up', marbles((m) => {
    const store = new MemoryOutboxStore();
    store.append([msg('left'), msg('over')], { acceptedAt: 0 });
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { results } = harness(m.scheduler, { connected$: new BehaviorSubject(true), send: cloud.send, store });
    m.flush();
    expect(results).toEqual([
      [1, 'left', 0],
      [2, 'over', 0],
    ]);
  }));

  it('submit resolves with the result once delivered, also after a reconnect, and topics travel along', marbles((m) => {
    const connected$ = m.hot('f---------t--', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send });
    const hello = msg('hello', ['TOPIC 1', 'T2']);
    m.expect(pipeline.submit$(hello)).toBeObservable('-----------(r|)', { r: messageResult(OK, hello) });
    m.flush();
    expect(cloud.calls).toEqual([{ data: 'hello', topics: ['TOPIC 1', 'T2'], at: 10, attempt: 0 }]);
  }));

  it('flapping connection: a send under way when the link drops still counts and is never repeated', marbles((m) => {
    //                       a starts at 1, link drops at 2, a answers at 4; b waits for the link
    const connected$ = m.hot('t-f---t-f-t----', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(3, OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    m.scheduler.schedule(() => {
      pipeline.enqueue(msg('a'));
      pipeline.enqueue(msg('b'));
    }, 1);
    m.flush();
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 1],
      ['b', 6],
    ]);
    expect(results).toEqual([
      [4, 'a', 0],
      [9, 'b', 0],
    ]);
    expect(cloud.state.cancelled).toBe(0);
    expect(pipeline.stats()).toMatchObject({ pendingCount: 0, delivered: 2, retries: 0 });
  }));

  it('reconnect while draining: the drain stops at the drop and resumes in order', marbles((m) => {
    const connected$ = m.hot('f-t----f------t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(2, OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    ['a', 'b', 'c', 'd', 'e'].forEach((data) => pipeline.enqueue(msg(data)));
    m.flush();
    // a 2->4, b 4->6, c 6->8 (in flight at the drop at 7, still counts), d and e after 14.
    expect(results.map(([at, data]) => [at, data])).toEqual([
      [4, 'a'],
      [6, 'b'],
      [8, 'c'],
      [16, 'd'],
      [18, 'e'],
    ]);
    expect(cloud.calls.map((c) => c.data)).toEqual(['a', 'b', 'c', 'd', 'e']);
  }));

  it('transient codes keep the message queued and retry with exponential backoff in virtual time', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    // 'a' answers ERR_INTERNAL, ERR_UNKNOWN, ERR_INTERNAL, then ERR_OK.
    const answers = [INTERNAL, UNKNOWN, INTERNAL, OK];
    const cloud = fakeSend(m.scheduler, (data, attempt) => after(1, data === 'a' ? answers[attempt] : OK, m.scheduler));
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send });
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('b'));
    m.flush();
    // sends of a at 0; fail at 1, wait 10 -> 11; fail at 12, wait 20 -> 32; fail at 33, wait 40 -> 73; ok at 74.
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['a', 11],
      ['a', 32],
      ['a', 73],
      ['b', 74],
    ]);
    expect(results).toEqual([
      [74, 'a', 0],
      [75, 'b', 0],
    ]);
    expect(events.filter(([, type]) => type === 'retry').map(([at]) => at)).toEqual([1, 12, 33]);
    expect(pipeline.stats()).toMatchObject({ retries: 3, delivered: 2, failed: 0, pendingCount: 0 });
  }));

  it('caps the backoff at maxMs and resets it after sending was healthy for resetAfterMs', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    // m1 fails 5 times (waits 10, 20, 40, 80, 80), then a long healthy stretch, then m2 fails once: wait 10 again.
    const cloud = fakeSend(m.scheduler, (data, attempt) =>
      after(1, data === 'm1' && attempt < 5 ? INTERNAL : data === 'm2' && attempt === 0 ? INTERNAL : OK, m.scheduler),
    );
    const { pipeline, events } = harness(m.scheduler, { connected$, send: cloud.send });
    pipeline.enqueue(msg('m1'));
    m.scheduler.schedule(() => pipeline.enqueue(msg('m2')), 400);
    const delays: number[] = [];
    pipeline.events$.subscribe((e) => e.type === 'retry' && delays.push(e.delayMs));
    m.flush();
    expect(delays).toEqual([10, 20, 40, 80, 80, 10]);
    expect(events.filter(([, type]) => type === 'sent').map(([, , data]) => data)).toEqual(['m1', 'm2']);
  }));

  it('the backoff survives a short disconnect: flapping does not turn into a retry storm', marbles((m) => {
    const connected$ = m.hot('t--f-t--f-t-------------', connectedValues);
    const cloud = fakeSend(m.scheduler, (_data, attempt) => after(1, attempt < 2 ? UNKNOWN : OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    pipeline.enqueue(msg('a'));
    m.flush();
    // fail at 1 -> wait 10 (until 11) although the link came back at 5 and 10; fail at 12 -> wait 20.
    expect(cloud.calls.map((c) => c.at)).toEqual([0, 11, 32]);
    expect(results).toEqual([[33, 'a', 0]]);
  }));

  it('transport errors and sends without an answer are retried; a message in flight at the error is resent once connected', marbles((m) => {
    const connected$ = m.hot('t-f------------t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data, attempt) => {
      if (attempt === 0 && data === 'a') return timer(3, m.scheduler).pipe(map(() => { throw new Error('ECONNRESET'); }));
      if (attempt === 0 && data === 'b') return new Observable<SendResult>((s) => s.complete());
      return after(1, OK, m.scheduler);
    });
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('b'));
    m.flush();
    // a fails at 3 (link already down); wait 10 -> 13 but the link is down until 15. b completes
    // without an answer at 16: its own first failure, so it waits 10 -> 26 (a's failures are a's).
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['a', 15],
      ['b', 16],
      ['b', 26],
    ]);
    expect(results.map(([, data]) => data)).toEqual(['a', 'b']);
    expect(pipeline.stats().retries).toBe(2);
  }));

  it('a send function that throws counts as a transport failure', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    let calls = 0;
    const send = (): Observable<SendResult> => {
      if (calls++ === 0) throw new Error('socket exhausted');
      return of(OK);
    };
    const { pipeline, results } = harness(m.scheduler, { connected$, send });
    pipeline.enqueue(msg('a'));
    m.flush();
    expect(results).toEqual([[10, 'a', 0]]);
  }));

  it('listens: only the event types someone wants are built and emitted; results are not affected', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data) => after(1, data === 'bad' ? AUTH_INVALID : OK, m.scheduler));
    const asked: string[] = [];
    const listens = (type: DeliveryEvent['type']) => (asked.push(type), type === 'failed');
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send, listens });
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('bad'));
    m.flush();
    expect(results).toEqual([
      [1, 'a', 0],
      [2, 'bad', 3],
    ]);
    expect(events).toEqual([[2, 'failed', 'bad']]);
    expect(new Set(asked)).toEqual(new Set(['buffered', 'sent', 'failed']));
    expect(() => new DeliveryPipeline({ connected$, send: cloud.send, listens: 'all' as never })).toThrow(/listens/);
  }));

  it('submit (the Promise twin) stores at once and settles as submit$ would: delivered, permanent failure, refused input, closed', async () => {
    const connected$ = new BehaviorSubject(true);
    const calls: string[] = [];
    const pipeline = new DeliveryPipeline({ connected$, send: (m) => (calls.push(m.data), of(m.data === 'bad' ? AUTH_INVALID : OK)) });
    pipeline.start();
    const hello = msg('hello', ['t']);
    const sent = pipeline.submit(hello);
    expect(calls).toEqual(['hello']); // stored and on its way before submit returned
    await expect(sent).resolves.toEqual(messageResult(OK, hello));
    await expect(pipeline.submit(msg('bad'))).rejects.toMatchObject({ name: 'MessageFailedError', code: 3, outbound: { data: 'bad' } });
    await expect(pipeline.submit({ data: 42 } as unknown as OutboundMessage)).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(pipeline.stats()).toMatchObject({ delivered: 1, failed: 1, pendingCount: 0 });
    await expect(pipeline.submit(msg('slow'), { timeoutMs: -1 })).rejects.toThrow(/timeoutMs/); // rejects, never throws
    await pipeline.close();
    await expect(pipeline.submit(msg('late'))).rejects.toMatchObject({ name: 'ClosedError', resource: 'delivery' });
  });

  it('submitMany (the Promise twin) resolves with every result, failures included; rejects a refused batch', async () => {
    const connected$ = new BehaviorSubject(true);
    const pipeline = new DeliveryPipeline({ connected$, send: (m) => of(m.data === 'bad' ? AUTH_INVALID : OK) });
    pipeline.start();
    await expect(pipeline.submitMany([msg('a'), msg('bad'), msg('b')])).resolves.toEqual([OK, AUTH_INVALID, OK]);
    await expect(pipeline.submitMany([])).resolves.toEqual([]);
    await expect(pipeline.submitMany('a' as unknown as OutboundMessage[])).rejects.toBeInstanceOf(InvalidArgumentError);
    await pipeline.close();
  });

  it('permanent codes fail that message, reject its submitter with MessageFailedError, and never block the queue', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data) => after(1, data === 'bad' ? AUTH_INVALID : data === 'c' ? CONN_CLOSED : OK, m.scheduler));
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send });
    let failure: unknown;
    pipeline.submit$(msg('bad', ['t'])).subscribe({ error: (error) => (failure = error) });
    const delivered: SendResult[] = [];
    const c = msg('c');
    pipeline.submit$(c).subscribe((r) => delivered.push(r));
    m.flush();
    expect(results).toEqual([
      [1, 'bad', 3],
      [2, 'c', 1],
    ]);
    expect(failure).toBeInstanceOf(MessageFailedError);
    expect(failure).toMatchObject({ code: 3, result: AUTH_INVALID, outbound: { data: 'bad', topics: ['t'] } });
    expect(delivered).toEqual([messageResult(CONN_CLOSED, c)]);
    expect(events.map(([, type, data]) => `${type}:${data}`)).toEqual(['buffered:bad', 'buffered:c', 'failed:bad', 'sent:c']);
    expect(pipeline.stats()).toMatchObject({ failed: 1, delivered: 1, retries: 0, pendingCount: 0 });
  }));

  it('maxAttempts: after that many transient failures the message fails with its last result, leaves the outbox, and the next goes after the backoff', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    // 'a' never gets through: ERR_INTERNAL, then a transport error; 'b' is fine.
    const cloud = fakeSend(m.scheduler, (data, attempt) =>
      data === 'a'
        ? attempt === 0
          ? after(1, INTERNAL, m.scheduler)
          : timer(1, m.scheduler).pipe(map(() => { throw new Error('ECONNREFUSED'); }))
        : after(1, OK, m.scheduler),
    );
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send, maxAttempts: 2 });
    let failure: unknown;
    pipeline.submit$(msg('a')).subscribe({ error: (error) => (failure = error) });
    pipeline.submit$(msg('b')).subscribe();
    m.flush();
    // a at 0 fails at 1 (wait 10); a at 11 fails at 12: exhausted; the failures were a's alone, so b goes at 12.
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['a', 11],
      ['b', 12],
    ]);
    expect(results).toEqual([
      [12, 'a', -1],
      [13, 'b', 0],
    ]);
    expect(failure).toBeInstanceOf(MessageAttemptsExhaustedError);
    expect(failure).toBeInstanceOf(MessageFailedError);
    expect(failure).toMatchObject({ code: -1, attempts: 2, result: { name: 'ERR_UNKNOWN', retryable: true } });
    expect((failure as Error).message).toMatch(/after 2 attempts: ERR_UNKNOWN \(-1\): No reply: ECONNREFUSED/);
    expect(events.map(([at, type, data]) => `${at}:${type}:${data}`)).toEqual([
      '0:buffered:a',
      '0:buffered:b',
      '1:retry:a',
      '12:failed:a',
      '13:sent:b',
    ]);
    expect(pipeline.stats()).toMatchObject({ failed: 1, delivered: 1, retries: 1, pendingCount: 0 });
  }));

  it('maxAttempts 1 with a transient code: the last result is the cloud\'s own answer; attempts are counted per message', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data) => after(1, data === 'x' ? INTERNAL : OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send, maxAttempts: 1 });
    const failedEvents: DeliveryEvent[] = [];
    pipeline.events$.subscribe((e) => e.type === 'failed' && failedEvents.push(e));
    m.expect(pipeline.submitMany$([msg('x'), msg('y')])).toBeObservable('-a(b|)', { a: INTERNAL, b: OK });
    m.flush();
    expect(failedEvents).toMatchObject([{ type: 'failed', result: INTERNAL, attempts: 1 }]);
  }));

  it('maxAttempts unbounded (default) never gives up', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (_data, attempt) => after(1, attempt < 20 ? UNKNOWN : OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    pipeline.enqueue(msg('a'));
    m.flush();
    expect(cloud.calls).toHaveLength(21);
    expect(results.map(([, data, code]) => [data, code])).toEqual([['a', 0]]);
  }));

  it('concurrency n drains n at a time, oldest first, never the same message twice at once', marbles((m) => {
    const connected$ = m.hot('f-t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(5, OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send, concurrency: 3 });
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].forEach((data) => pipeline.enqueue(msg(data)));
    m.flush();
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 2],
      ['b', 2],
      ['c', 2],
      ['d', 7],
      ['e', 7],
      ['f', 7],
      ['g', 12],
    ]);
    expect(results.map(([at]) => at)).toEqual([7, 7, 7, 12, 12, 12, 17]);
    expect(cloud.state.maxConcurrent).toBe(3);
    expect(cloud.state.sameMessageTwiceAtOnce).toBe(0);
  }));

  it('concurrency n: a transient failure delays only its message; the others go on, and it goes once its wait is over', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data, attempt) => after(data === 'b' ? 1 : 3, data === 'b' && attempt === 0 ? INTERNAL : OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send, concurrency: 2 });
    ['a', 'b', 'c', 'd'].forEach((data) => pipeline.enqueue(msg(data)));
    m.flush();
    // b fails at 1 and waits 10 without its slot: c takes it at 1, d takes a's at 3; b goes at 11.
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['c', 1],
      ['d', 3],
      ['b', 11],
    ]);
    expect(cloud.state.sameMessageTwiceAtOnce).toBe(0);
  }));

  it('failures in a row open the circuit: every send pauses, one probes, and its success resumes all', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    // The cloud is down until 30: every send fails after 1 frame.
    const cloud = fakeSend(m.scheduler, () => after(1, m.scheduler.now() < 30 ? UNKNOWN : OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send, concurrency: 5, backoff: { ...noJitter, maxMs: 1000 } });
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'].forEach((data) => pipeline.enqueue(msg(data)));
    m.flush();
    // a-e fail at 1: five in a row open the circuit for 10 (first opening); f and g wait, and the
    // retries due at 11 go one at a time: a probes at 11, fails (open 20, until 32; a's own wait is
    // 20 too); b, due since 11, probes at 32 and succeeds: closed, the rest go 5 at a time from 33.
    const at = (data: string) => cloud.calls.filter((c) => c.data === data).map((c) => c.at);
    expect(at('a')).toEqual([0, 11, 33]);
    expect(at('b')).toEqual([0, 32]);
    expect(at('f')).toEqual([33]);
    expect(cloud.calls.filter((c) => c.at > 0 && c.at < 32)).toHaveLength(1);
    expect(results).toHaveLength(7);
    expect(pipeline.stats()).toMatchObject({ delivered: 7, pendingCount: 0 });
  }));

  it('one exchange in four failing at concurrency 4 keeps more than half the failure-free rate', marbles((m) => {
    // Two runs of 5000 frames, one after the other on the same virtual clock.
    const deliveredBy = (failing: boolean): number => {
      let delivered = 0;
      const connected$ = m.hot('t', connectedValues);
      let exchanges = 0;
      // Every exchange takes 20 frames; with `failing`, every fourth answers ERR_INTERNAL.
      const send = (): Observable<SendResult> => after(20, failing && ++exchanges % 4 === 0 ? INTERNAL : OK, m.scheduler);
      const pipeline = new DeliveryPipeline({ connected$, send, concurrency: 4, backoff: { initialMs: 1000, maxMs: 300_000, resetAfterMs: 60_000, random: () => 0.5 }, scheduler: m.scheduler });
      pipeline.results$.subscribe(() => delivered++);
      pipeline.start();
      for (let i = 0; i < 2000; i++) pipeline.enqueue(msg(`m${i}`));
      m.scheduler.schedule(() => void pipeline.close(), 5001);
      m.flush();
      return delivered;
    };
    const healthy = deliveredBy(false);
    const failing = deliveredBy(true);
    expect(healthy).toBe(1000); // 4 at a time, 20 frames each, for 5000 frames
    expect(failing / healthy).toBeGreaterThanOrEqual(0.5);
  }));

  it('overflow drop-oldest: the evicted message is reported and its submitter rejected', marbles((m) => {
    const connected$ = m.hot('f-----t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const store = new MemoryOutboxStore({ maxMessages: 2, overflow: 'drop-oldest' });
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send, store });
    let dropped: unknown;
    pipeline.submit$(msg('a')).subscribe({ error: (error) => (dropped = error) });
    m.scheduler.schedule(() => ['b', 'c'].forEach((data) => pipeline.enqueue(msg(data))), 2);
    m.flush();
    expect(dropped).toBeInstanceOf(MessageDroppedError);
    expect(dropped).toMatchObject({ reason: 'drop-oldest', outbound: { data: 'a' } });
    expect(events.filter(([, type]) => type === 'dropped')).toEqual([[2, 'dropped', 'a']]);
    expect(results.map(([, data]) => data)).toEqual(['b', 'c']);
    expect(pipeline.stats()).toMatchObject({ dropped: 1, delivered: 2 });
  }));

  it('overflow drop-oldest never evicts a message being sent', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(10, OK, m.scheduler));
    const store = new MemoryOutboxStore({ maxMessages: 2, overflow: 'drop-oldest' });
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send, store });
    pipeline.enqueue(msg('a')); // in flight from 0 to 10
    m.scheduler.schedule(() => ['b', 'c'].forEach((data) => pipeline.enqueue(msg(data))), 2);
    m.flush();
    expect(events.filter(([, type]) => type === 'dropped').map(([, , data]) => data)).toEqual(['b']);
    expect(results.map(([, data]) => data)).toEqual(['a', 'c']);
  }));

  it('overflow error: a submit that does not fit errors with OutboxOverflowError; the ones that fit are kept', marbles((m) => {
    const connected$ = m.hot('f---t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const store = new MemoryOutboxStore({ maxMessages: 2, overflow: 'error' });
    const { pipeline, results, events } = harness(m.scheduler, { connected$, send: cloud.send, store });
    const outcomes: string[] = [];
    for (const data of ['a', 'b', 'c']) {
      pipeline.submit$(msg(data)).subscribe({
        next: () => outcomes.push(`${data}:sent`),
        error: (error) => outcomes.push(`${data}:${error instanceof OutboxOverflowError ? `overflow ${error.limit}` : error}`),
      });
    }
    let batchError: unknown;
    pipeline.submitMany$([msg('d'), msg('e')]).subscribe({ error: (error) => (batchError = error) });
    m.flush();
    expect(outcomes).toEqual(['c:overflow maxMessages', 'a:sent', 'b:sent']);
    expect(batchError).toBeInstanceOf(OutboxOverflowError);
    expect(results.map(([, data]) => data)).toEqual(['a', 'b']);
    expect(events.filter(([, type]) => type === 'dropped').map(([, , data]) => data)).toEqual(['c', 'd', 'e']);
  }));

  it('fire-and-forget messages of one run are written in one append; a submit is stored at once, after them', marbles((m) => {
    const connected$ = m.hot('f', connectedValues);
    const { store, appends } = recordingStore();
    const { pipeline } = harness(m.scheduler, { connected$, send: () => NEVER, store });
    for (let i = 0; i < 50; i++) pipeline.enqueue(msg(`e${i}`));
    expect(appends).toEqual([]);
    pipeline.submit$(msg('s')).subscribe();
    // The submit did not wait for the end of the run: the burst before it, then it, are stored.
    expect(appends).toEqual([50, 1]);
    expect(pipeline.stats().pendingCount).toBe(51);
    for (let i = 0; i < 50; i++) pipeline.enqueue(msg(`f${i}`));
    pipeline.submitMany$([msg('m1'), msg('m2')]).subscribe();
    pipeline.enqueue(msg('after'));
    m.flush();
    expect(appends).toEqual([50, 1, 50, 2, 1]);
    expect(store.pending(200).map((entry) => entry.message.data).slice(100)).toEqual(['f49', 'm1', 'm2', 'after']);
  }));

  it('submitMany emits every result, failures included, and completes after the last', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data) => after(2, data === 'x' ? AUTH_INVALID : OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send });
    m.expect(pipeline.submitMany$([msg('a'), msg('x'), msg('b')])).toBeObservable('--a-x-(b|)', { a: OK, x: AUTH_INVALID, b: OK });
  }));

  it('unsubscribing from submit only stops waiting: the message was stored on subscribe and is still delivered', marbles((m) => {
    const connected$ = m.hot('f--t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline, results } = harness(m.scheduler, { connected$, send: cloud.send });
    let told = false;
    pipeline.submit$(msg('at once')).subscribe(() => (told = true)).unsubscribe();
    const kept = pipeline.submit$(msg('kept')).subscribe();
    m.scheduler.schedule(() => kept.unsubscribe(), 1);
    m.flush();
    expect(cloud.calls.map((c) => c.data)).toEqual(['at once', 'kept']);
    expect(results.map(([, data]) => data)).toEqual(['at once', 'kept']);
    expect(told).toBe(false);
  }));

  it('keeps stats: pending count and bytes, oldest pending age on the scheduler clock, totals', marbles((m) => {
    const connected$ = m.hot('f', connectedValues);
    const { pipeline } = harness(m.scheduler, { connected$, send: () => of(OK) });
    const seen: number[] = [];
    pipeline.stats$.subscribe((s) => seen.push(s.pendingCount));
    pipeline.enqueue(msg('abc', ['tt']));
    pipeline.enqueue(msg('de'));
    m.scheduler.schedule(() => {
      expect(pipeline.stats()).toEqual({
        pendingCount: 2,
        pendingBytes: 7,
        inFlight: 0,
        delivered: 0,
        failed: 0,
        dropped: 0,
        retries: 0,
        refused: 0,
        oldestPendingAgeMs: 25,
      });
    }, 25);
    m.flush();
    expect(seen).toEqual([0, 2]);
  }));

  it('close errors every waiter, cancels sends under way, and stops everything', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(100, OK, m.scheduler));
    const { pipeline, events } = harness(m.scheduler, { connected$, send: cloud.send });
    let error: unknown;
    let completed = false;
    pipeline.submit$(msg('a')).subscribe({ error: (e) => (error = e) });
    pipeline.results$.subscribe({ complete: () => (completed = true) });
    m.scheduler.schedule(() => pipeline.close(), 5);
    m.flush();
    expect(error).toBeInstanceOf(ClosedError);
    expect(error).toMatchObject({ resource: 'delivery', message: expect.stringMatching(/^The delivery pipeline is closed: message \d+ was not delivered/) });
    expect(cloud.state.cancelled).toBe(1);
    expect(completed).toBe(true);
    // The outbox in memory lost 'a' with the close: reported, counted, and no longer pending.
    expect(events).toContainEqual([5, 'dropped', 'a']);
    expect(pipeline.stats()).toMatchObject({ pendingCount: 0, pendingBytes: 0, inFlight: 0, delivered: 0, dropped: 1 });
    expect(() => pipeline.enqueue(msg('b'))).toThrow(new ClosedError('delivery'));
    let late: unknown;
    pipeline.submit$(msg('c')).subscribe({ error: (e) => (late = e) });
    expect(late).toMatchObject({ name: 'ClosedError', resource: 'delivery', message: 'The delivery pipeline is closed' });
  }));

  it('a connected$ that errors leaves messages held, not lost', marbles((m) => {
    const connected$ = m.hot('t-#', connectedValues);
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send });
    m.scheduler.schedule(() => pipeline.enqueue(msg('a')), 3);
    m.flush();
    expect(cloud.calls).toEqual([]);
    expect(pipeline.stats().pendingCount).toBe(1);
  }));

  it('rejects bad options and malformed messages with typed errors', () => {
    const connected$ = new BehaviorSubject(false);
    expect(() => new DeliveryPipeline({ connected$, send: () => of(OK), concurrency: 0 })).toThrow(InvalidArgumentError);
    expect(() => new DeliveryPipeline({ connected$, send: () => of(OK), concurrency: 1.5 })).toThrow(/concurrency.*1\.5/);
    expect(() => new DeliveryPipeline({ connected$, send: () => of(OK), backoff: { maxMs: 1, initialMs: 5 } })).toThrow(/maxMs/);
    expect(() => new DeliveryPipeline({ connected$, send: () => of(OK), maxAttempts: 0 })).toThrow(/maxAttempts.*got 0/);
    expect(() => new DeliveryPipeline({ connected$, send: () => of(OK), maxAttempts: 2.5 })).toThrow(InvalidArgumentError);
    const pipeline = new DeliveryPipeline({ connected$, send: () => of(OK) });
    expect(() => pipeline.enqueue({ data: 42 } as never)).toThrow(InvalidArgumentError);
    let error: unknown;
    pipeline.submit$({ data: 'x', topics: 'nope' } as never).subscribe({ error: (e) => (error = e) });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    pipeline.close();
  });

  it('errors from send answers other than SendResult shapes do not stop later messages', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const send = (m: OutboundMessage) => (m.data === 'a' ? throwError(() => new Error('refused')) : of(OK));
    const { pipeline, results } = harness(m.scheduler, { connected$, send, backoff: { ...noJitter, initialMs: 2, maxMs: 2 } });
    pipeline.enqueue(msg('a'));
    m.scheduler.schedule(() => pipeline.close(), 9);
    m.flush();
    // 'a' keeps failing and is retried every 2 frames; it stays first in line (order is kept)
    // until the close, which an outbox in memory does not outlive.
    expect(results).toEqual([]);
    expect(pipeline.stats()).toMatchObject({ pendingCount: 0, dropped: 1, retries: 5 });
  }));
});
