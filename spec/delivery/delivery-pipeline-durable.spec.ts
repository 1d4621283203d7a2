import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BehaviorSubject, map, timer } from 'rxjs';
import { marbles } from 'rxjs-marbles/jest';
import { DeliveryPipeline } from '../../lib/delivery/delivery-pipeline';
import { SqliteOutboxStore } from '../../lib/outbox/sqlite-outbox-store';
import { fakeSend, OK } from './fake-send';

const directory = mkdtempSync(join(tmpdir(), 'hologram-pipeline-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('DeliveryPipeline with a durable outbox', () => {
  it('resumes what a previous run left pending, in order, topics included; results appear on results$', marbles((m) => {
    const path = join(directory, 'resume.db');

    // First run: offline the whole time, closed with 3 messages waiting (and one whose sender gave up waiting).
    const first = new DeliveryPipeline({ store: new SqliteOutboxStore({ path }), connected$: new BehaviorSubject(false), send: () => timer(1).pipe(map(() => OK)), scheduler: m.scheduler });
    first.start();
    first.submitMany$([{ data: 'a', topics: ['T1'] }, { data: 'b', topics: [] }]).subscribe({ error: () => undefined });
    first.enqueue({ data: 'c', topics: ['T2', 'T3'] });
    const dropped: unknown[] = [];
    first.events$.subscribe((event) => event.type === 'dropped' && dropped.push(event));
    first.close(); // writes the current burst first
    expect(first.stats().pendingCount).toBe(3);
    expect(dropped).toEqual([]); // kept in the file, not lost: nothing reported dropped

    // Second run: connected; nobody waits for these messages, so they are reported on results$.
    const connected$ = m.hot('--t', { t: true });
    const cloud = fakeSend(m.scheduler, () => timer(1, m.scheduler).pipe(map(() => OK)));
    const second = new DeliveryPipeline({ store: new SqliteOutboxStore({ path }), connected$, send: cloud.send, scheduler: m.scheduler });
    const results: string[] = [];
    second.results$.subscribe((r) => results.push(`${m.scheduler.now()}:${r.message.data}:${r.message.topics.join('|')}`));
    expect(second.stats().pendingCount).toBe(3);
    second.start();
    m.flush();
    expect(results).toEqual(['3:a:T1', '4:b:', '5:c:T2|T3']);
    expect(cloud.calls.map((c) => c.data)).toEqual(['a', 'b', 'c']);
    second.close();

    const third = new SqliteOutboxStore({ path });
    expect(third.stats().pendingCount).toBe(0);
    third.close();
  }));
});
