import type { SchedulerLike } from 'rxjs';
import { marbles, type Context } from 'rxjs-marbles/jest';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { ScriptedPort, table } from '../../../lib/testing/scripted-port';

/**
 * Each transition of the engine's one state (`state` + what runs on the port, `activity`), driven
 * in virtual time over a scripted port: the activity is sampled just after given instants.
 */

type Sample = Array<[number, string]>;

/** Runs `setup` in virtual time and samples `state/activity` just after each instant of `at` (all it runs done). */
function phases(m: Context, at: readonly number[], setup: (engine: ATEngine, port: ScriptedPort, scheduler: SchedulerLike) => void, respond = table({})): Sample {
  const samples: Sample = [];
  const port = new ScriptedPort(m.scheduler, respond);
  const engine = new ATEngine(port, { scheduler: m.scheduler, resync: { probeTimeoutMs: 100, quietMs: 20 }, retry: { delayMs: 50 } });
  for (const t of at) m.scheduler.schedule(() => samples.push([t, `${engine.state}/${engine.activity ?? '-'}`]), t + 0.5);
  setup(engine, port, m.scheduler);
  m.flush();
  return samples;
}

const ignore = { error: () => undefined };

describe('ATEngine phases', () => {
  it('idle -> command -> idle on a final result', marbles((m) => {
    expect(
      phases(m, [0, 5, 10], (engine) => engine.command$('AT').subscribe(ignore), table({ 'AT\r': [{ after: 10, text: '\r\nOK\r\n' }] })),
    ).toEqual([
      [0, 'ready/command'],
      [5, 'ready/command'],
      [10, 'ready/idle'],
    ]);
  }));

  it('command -> retry-wait on a busy CME error -> command again after the delay', marbles((m) => {
    const respond = table({ 'AT+CPIN?\r': (n) => [{ after: 5, text: n === 1 ? '\r\n+CME ERROR: 14\r\n' : '\r\n+CPIN: READY\r\n\r\nOK\r\n' }] });
    expect(phases(m, [4, 5, 54, 55, 60], (engine) => engine.command$('AT+CPIN?').subscribe(ignore), respond)).toEqual([
      [4, 'ready/command'],
      [5, 'ready/retry-wait'],
      [54, 'ready/retry-wait'],
      [55, 'ready/command'],
      [60, 'ready/idle'],
    ]);
  }));

  it('retry-wait -> idle when its caller unsubscribes', marbles((m) => {
    const respond = table({ 'AT+CPIN?\r': [{ after: 5, text: '\r\n+CME ERROR: 14\r\n' }] });
    const writes: string[] = [];
    expect(
      phases(m, [5, 10, 100], (engine, port, scheduler) => {
        const subscription = engine.command$('AT+CPIN?').subscribe(ignore);
        scheduler.schedule(() => subscription.unsubscribe(), 10);
        scheduler.schedule(() => writes.push(...port.writes), 100);
      }, respond),
    ).toEqual([
      [5, 'ready/retry-wait'],
      [10, 'ready/idle'],
      [100, 'ready/idle'],
    ]);
    expect(writes).toEqual(['0:AT+CPIN?\r']); // never retried
  }));

  it('command -> resync on a timeout; resync -> idle after the quiet window that follows the probe answer', marbles((m) => {
    const respond = table({ 'AT\r': [{ after: 3, text: '\r\nOK\r\n' }] });
    expect(
      phases(m, [99, 100, 102, 103, 122, 123], (engine) => engine.command$('AT+COPS=?', { timeoutMs: 100 }).subscribe(ignore), respond),
    ).toEqual([
      [99, 'ready/command'],
      [100, 'ready/resync'], // probe written
      [102, 'ready/resync'],
      [103, 'ready/resync'], // answered: quiet window of 20 ms starts
      [122, 'ready/resync'],
      [123, 'ready/idle'],
    ]);
  }));

  it('resync -> idle when the probe gets no answer within its timeout', marbles((m) => {
    expect(phases(m, [100, 199, 200], (engine) => engine.command$('AT+X', { timeoutMs: 100 }).subscribe(ignore))).toEqual([
      [100, 'ready/resync'],
      [199, 'ready/resync'],
      [200, 'ready/idle'],
    ]);
  }));

  it('detach while a command is in flight: ready until it finishes, then detached; attach makes it ready again', marbles((m) => {
    const respond = table({ 'AT\r': [{ after: 10, text: '\r\nOK\r\n' }] });
    expect(
      phases(m, [1, 9, 10, 11], (engine, port, scheduler) => {
        engine.command$('AT').subscribe(ignore);
        scheduler.schedule(() => void engine.detach(), 1);
        scheduler.schedule(() => engine.attach(port), 11);
      }, respond),
    ).toEqual([
      [1, 'ready/command'],
      [9, 'ready/command'],
      [10, 'detached/-'],
      [11, 'ready/idle'],
    ]);
  }));

  it('a timeout while detaching releases the port without a resync', marbles((m) => {
    const writes: string[] = [];
    expect(
      phases(m, [50, 100], (engine, port, scheduler) => {
        engine.command$('AT+X', { timeoutMs: 100 }).subscribe(ignore);
        scheduler.schedule(() => void engine.detach(), 50);
        scheduler.schedule(() => writes.push(...port.writes), 100);
      }),
    ).toEqual([
      [50, 'ready/command'],
      [100, 'detached/-'],
    ]);
    expect(writes).toEqual(['0:AT+X\r']);
  }));

  it.each([
    ['command', 5, {}],
    ['retry-wait', 15, { 'AT+CPIN?\r': [{ after: 10, text: '\r\n+CME ERROR: 14\r\n' }] }],
    ['resync', 150, {}],
  ])('the stream ending during %s: disconnected, the command fails', marbles((m: Context, _activity: string, endAt: number, answers: Parameters<typeof table>[0]) => {
    const errors: string[] = [];
    expect(
      phases(m, [endAt - 1, endAt], (engine, port) => {
        engine.command$('AT+CPIN?', { timeoutMs: 100 }).subscribe({ error: (e: Error) => errors.push(e.name) });
        port.end(undefined, endAt);
      }, table(answers)),
    ).toEqual([
      [endAt - 1, `ready/${_activity}`],
      [endAt, 'disconnected/-'],
    ]);
    expect(errors).toEqual([_activity === 'resync' ? 'ATTimeoutError' : 'ModemDisconnectedError']);
  }));

  it('close from any phase is final', marbles((m) => {
    expect(
      phases(m, [5], (engine, _port, scheduler) => {
        engine.command$('AT').subscribe(ignore);
        scheduler.schedule(() => engine.close(), 5);
      }),
    ).toEqual([[5, 'closed/-']]);
  }));

  it('a chunk with a final result and a URC: a command sent from the URC is written after the whole chunk', marbles((m) => {
    const responses: (readonly string[])[] = [];
    const port = new ScriptedPort(m.scheduler, table({ 'AT+A\r': [{ after: 5, text: '\r\nOK\r\n+CMTI: "ME",1\r\n+CSQ: 1,2\r\n' }], 'AT+B\r': [{ after: 5, text: '\r\nOK\r\n' }] }));
    const engine = new ATEngine(port, { scheduler: m.scheduler });
    engine.urc$.subscribe(() => engine.command$('AT+B').subscribe((r) => responses.push(r.lines)));
    engine.command$('AT+A').subscribe((r) => responses.push(r.lines));
    m.flush();
    // The stray `+CSQ` line after the URC, in the same chunk, is not AT+B's.
    expect(responses).toEqual([[], []]);
  }));
});
