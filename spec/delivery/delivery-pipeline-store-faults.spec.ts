import { map, type Observable, timer, type SchedulerLike } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import type { SendResult } from '../../lib/cloud/send-result';
import { DeliveryPipeline, type DeliveryPipelineOptions } from '../../lib/delivery/delivery-pipeline';
import type { DeliveryEvent } from '../../lib/delivery/delivery-event';
import type { OutboxHealth } from '../../lib/delivery/outbox-health';
import { MemoryOutboxStore } from '../../lib/outbox/memory-outbox-store';
import type { OutboxStore } from '../../lib/outbox/outbox-store';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';
import { fakeSend, INTERNAL, OK } from './fake-send';

const msg = (data: string): OutboundMessage => ({ data, topics: [] });
const connectedValues = { t: true, f: false };
const after = (frames: number, result: SendResult, scheduler: SchedulerLike): Observable<SendResult> =>
  timer(frames, scheduler).pipe(map(() => result));
const noJitter = { initialMs: 10, maxMs: 80, resetAfterMs: 50, random: () => 1 };

type Operation = 'append' | 'pending' | 'remove';

/**
 * A memory outbox whose operations can be made to fail as a full disk makes a SQLite one fail
 * (an `OutboxStoreError`, nothing done), and that counts every call: the pipeline's side of store
 * faults, in virtual time. The SQLite store on a real full filesystem is in spec/integration.
 */
class FaultyStore implements OutboxStore {
  readonly inner = new MemoryOutboxStore();
  readonly failing = new Set<Operation>();
  readonly calls: Record<Operation, number> = { append: 0, pending: 0, remove: 0 };
  readonly removals: number[][] = [];
  readonly path = '/data/outbox.db';

  append(...args: Parameters<OutboxStore['append']>) {
    this.#call('append');
    return this.inner.append(...args);
  }
  pending(limit: number) {
    this.#call('pending');
    return this.inner.pending(limit);
  }
  remove(ids: readonly number[]) {
    this.#call('remove');
    const removed = this.inner.remove(ids);
    this.removals.push([...ids]);
    return removed;
  }
  stats() {
    return this.inner.stats();
  }
  close() {
    return this.inner.close();
  }
  #call(operation: Operation): void {
    this.calls[operation]++;
    if (this.failing.has(operation)) {
      throw new OutboxStoreError(`Cannot ${operation} in outbox ${this.path}: SQLITE_FULL: database or disk is full`, this.path);
    }
  }
}

function harness(scheduler: SchedulerLike, options: Omit<DeliveryPipelineOptions, 'scheduler'>) {
  const pipeline = new DeliveryPipeline({ backoff: noJitter, ...options, scheduler });
  const events: string[] = [];
  const health: OutboxHealth['kind'][] = [];
  pipeline.events$.subscribe((e: DeliveryEvent) => {
    if (e.type === 'dropped') events.push(`${scheduler.now()}:dropped:${e.message.data}:${e.reason}`);
    else if (e.type === 'health') events.push(`${scheduler.now()}:health:${e.health.kind}`);
    else if (e.type === 'sent' || e.type === 'retry') events.push(`${scheduler.now()}:${e.type}:${e.entry.message.data}`);
  });
  pipeline.health$.subscribe((h) => health.push(h.kind));
  pipeline.start();
  return { pipeline, events, health };
}

describe('DeliveryPipeline store faults', () => {
  it('a delivered message whose removal fails is never sent again, and reported once removed; the removal is retried with backoff', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const store = new FaultyStore();
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline, events, health } = harness(m.scheduler, { connected$, send: cloud.send, store });
    store.failing.add('remove');
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('b'));
    // Space comes back at 50: the next retry of the removal (waits 10, 20, 40: at 71) works.
    m.scheduler.schedule(() => store.failing.delete('remove'), 50);
    m.flush();
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    // Reported only once they left the outbox: what is reported delivered is never sent again.
    expect(events).toEqual(['1:health:failing', '71:health:ok', '71:sent:a', '71:sent:b']);
    expect(health).toEqual(['ok', 'failing', 'ok']);
    // a alone at 1 (fails), then retried at 11 and 31 with b, then at 71 (works): never a tight
    // loop, and b's delivery at 2 waits for the retry instead of trying on its own.
    expect(store.calls.remove).toBe(4);
    expect(store.removals.at(-1)).toEqual([1, 2]);
    expect(store.inner.stats().pendingCount).toBe(0);
    expect(pipeline.stats()).toMatchObject({ delivered: 2, pendingCount: 0 });
  }));

  it('settled messages not yet removed count neither as pending nor as delivered yet', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const store = new FaultyStore();
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send, store });
    store.failing.add('remove');
    pipeline.enqueue(msg('a'));
    m.scheduler.schedule(() => {
      expect(store.inner.stats().pendingCount).toBe(1);
      expect(pipeline.stats()).toMatchObject({ pendingCount: 0, pendingBytes: 0, delivered: 0 });
    }, 5);
    m.scheduler.schedule(() => pipeline.close(), 6);
    m.flush();
    expect(cloud.calls).toHaveLength(1);
  }));

  it('a message that cannot be stored: submit errors with the OutboxStoreError; enqueue reports it dropped (storage); accepting resumes on its own', marbles((m) => {
    const connected$ = m.hot('f', connectedValues);
    const store = new FaultyStore();
    const { pipeline, events } = harness(m.scheduler, { connected$, send: () => after(1, OK, m.scheduler), store });
    store.failing.add('append');
    let refusal: unknown;
    pipeline.submit$(msg('awaited')).subscribe({ error: (error) => (refusal = error) });
    pipeline.enqueue(msg('piped 1'));
    pipeline.enqueue(msg('piped 2'));
    m.scheduler.schedule(() => store.failing.delete('append'), 3);
    m.scheduler.schedule(() => pipeline.enqueue(msg('later')), 4);
    m.flush();
    expect(refusal).toBeInstanceOf(OutboxStoreError);
    expect(refusal).toMatchObject({ path: '/data/outbox.db', message: expect.stringMatching(/outbox \/data\/outbox\.db: SQLITE_FULL/) });
    expect(events).toEqual([
      '0:health:failing',
      '0:dropped:awaited:storage',
      '0:dropped:piped 1:storage',
      '0:dropped:piped 2:storage',
      '4:health:ok',
    ]);
    expect(pipeline.stats()).toMatchObject({ dropped: 3, pendingCount: 1 });
  }));

  it('a failing read of pending messages pauses sending with backoff, then sending resumes on its own', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const store = new FaultyStore();
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline, events } = harness(m.scheduler, { connected$, send: cloud.send, store });
    store.failing.add('pending');
    pipeline.enqueue(msg('a'));
    m.scheduler.schedule(() => store.failing.delete('pending'), 15);
    m.flush();
    // Reads at 0 when the link comes up and when a is accepted (both fail: wait 10), at 10
    // (fails: wait 20), at 30 (works): a goes at 30.
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([['a', 30]]);
    expect(store.calls.pending).toBe(4);
    expect(events).toEqual(['0:health:failing', '31:health:ok', '31:sent:a']);
  }));

  it('close removes what was delivered; what cannot be removed is resent by the next run, never lost', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const store = new FaultyStore();
    const cloud = fakeSend(m.scheduler, () => after(1, OK, m.scheduler));
    const { pipeline } = harness(m.scheduler, { connected$, send: cloud.send, store });
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('b'));
    m.scheduler.schedule(() => {
      const pending = store.inner.pending(10).map((e) => e.message.data);
      store.failing.add('remove');
      const inner = store.inner;
      store.inner.close = async () => expect(inner.pending(10).map((e) => e.message.data)).toEqual(pending);
      pipeline.close();
    }, 2);
    m.flush();
  }));
});

describe('DeliveryPipeline retries with concurrency', () => {
  it('two failures close together each count, each emit a retry event, and each delay only its own message', marbles((m) => {
    const connected$ = m.hot('t', connectedValues);
    const cloud = fakeSend(m.scheduler, (data, attempt) => after(data === 'a' ? 1 : 3, attempt === 0 ? INTERNAL : OK, m.scheduler));
    const pipeline = new DeliveryPipeline({ connected$, send: cloud.send, concurrency: 2, backoff: noJitter, scheduler: m.scheduler });
    const retries: Array<[number, string, number, number]> = [];
    pipeline.events$.subscribe((e) => e.type === 'retry' && retries.push([m.scheduler.now(), e.entry.message.data, e.attempt, e.delayMs]));
    pipeline.start();
    pipeline.enqueue(msg('a'));
    pipeline.enqueue(msg('b'));
    m.flush();
    // a fails at 1 (its wait: 10, until 11); b fails at 3 (its own first failure: 10, until 13).
    expect(retries).toEqual([
      [1, 'a', 1, 10],
      [3, 'b', 1, 10],
    ]);
    expect(pipeline.stats().retries).toBe(retries.length);
    expect(cloud.calls.map((c) => [c.data, c.at])).toEqual([
      ['a', 0],
      ['b', 0],
      ['a', 11],
      ['b', 13],
    ]);
  }));
});
