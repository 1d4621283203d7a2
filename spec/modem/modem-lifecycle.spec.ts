import { marbles } from 'rxjs-marbles/jest';
import { map, scan } from 'rxjs';
import type { ATEngine } from '../../lib/modem/at/at-engine';
import { GENERIC_3GPP } from '../../lib/modem/drivers/generic';
import {
  initialModemLifecycle,
  lastSession,
  reduceModemLifecycle,
  type ModemLifecycle,
  type ModemLifecycleEvent,
} from '../../lib/modem/modem-lifecycle';
import type { ModemSession } from '../../lib/modem/modem-session';

const session = (model: string): ModemSession => ({
  engine: {} as ATEngine,
  driver: GENERIC_3GPP,
  identity: { model },
  directDeliveryAck: false,
});
const s1 = session('ONE');
const s2 = session('TWO');
const failure = new Error('AT+CMEE=2 failed');

const initializing = (cause: 'open' | 'port-back' | 'reset', last?: ModemSession, error?: unknown): ModemLifecycle => ({
  kind: 'initializing',
  cause,
  ...(last ? { last } : {}),
  ...(error ? { error } : {}),
});
const ready = (s: ModemSession): ModemLifecycle => ({ kind: 'ready', session: s });
const reconnecting = (last?: ModemSession): ModemLifecycle => ({ kind: 'reconnecting', ...(last ? { last } : {}) });
const closed = (last?: ModemSession): ModemLifecycle => ({ kind: 'closed', ...(last ? { last } : {}) });

const started = (cause: 'open' | 'port-back' | 'reset'): ModemLifecycleEvent => ({ type: 'init-started', cause });
const done = (s: ModemSession): ModemLifecycleEvent => ({ type: 'init-done', session: s });
const failed: ModemLifecycleEvent = { type: 'init-failed', error: failure };
const lost: ModemLifecycleEvent = { type: 'port-lost' };
const close: ModemLifecycleEvent = { type: 'closed' };

describe('reduceModemLifecycle', () => {
  it.each<[string, ModemLifecycle, ModemLifecycleEvent, ModemLifecycle]>([
    ['first init done: ready with its session', initializing('open'), done(s1), ready(s1)],
    ['first init failed: still initializing, with the error', initializing('open'), failed, initializing('open', undefined, failure)],
    ['unplug while ready: reconnecting, keeping the session', ready(s1), lost, reconnecting(s1)],
    ['unplug during init: reconnecting', initializing('port-back', s1), lost, reconnecting(s1)],
    ['port back: initializing, the last session kept', reconnecting(s1), started('port-back'), initializing('port-back', s1)],
    ['re-init done: ready with the new session', initializing('port-back', s1), done(s2), ready(s2)],
    ['re-init failed: initializing with the error, the last session kept', initializing('port-back', s1), failed, initializing('port-back', s1, failure)],
    ['a retried init starts clean', initializing('port-back', s1, failure), started('port-back'), initializing('port-back', s1)],
    ['reset while ready: initializing (reset)', ready(s1), started('reset'), initializing('reset', s1)],
    ['an init that ends after the port was lost does not make it ready', reconnecting(s1), done(s2), reconnecting(s1)],
    ['a late init failure while ready changes nothing', ready(s1), failed, ready(s1)],
    ['a second loss changes nothing', reconnecting(s1), lost, reconnecting(s1)],
    ['close from ready', ready(s1), close, closed(s1)],
    ['close while reconnecting', reconnecting(s1), close, closed(s1)],
    ['close before any init', initializing('open'), close, closed()],
    ['closed is final: init done', closed(s1), done(s2), closed(s1)],
    ['closed is final: port lost', closed(s1), lost, closed(s1)],
    ['closed is final: init started', closed(), started('port-back'), closed()],
  ])('%s', (_name, state, event, expected) => {
    expect(reduceModemLifecycle(state, event)).toEqual(expected);
  });

  it('returns the same state object when nothing changes (no emission)', () => {
    const state = reconnecting(s1);
    expect(reduceModemLifecycle(state, lost)).toBe(state);
    const final = closed(s1);
    expect(reduceModemLifecycle(final, started('open'))).toBe(final);
  });

  it('lastSession: the ready session, else the one a state keeps', () => {
    expect(lastSession(initialModemLifecycle)).toBeUndefined();
    expect(lastSession(ready(s1))).toBe(s1);
    expect(lastSession(reconnecting(s1))).toBe(s1);
    expect(lastSession(closed(s2))).toBe(s2);
  });
});

describe('a modem lifecycle in virtual time', () => {
  const events: Record<string, ModemLifecycleEvent> = { o: started('open'), d: done(s1), l: lost, b: started('port-back'), f: failed, e: done(s2), c: close };
  const kinds = { i: 'initializing', r: 'ready', n: 'reconnecting', z: 'closed' } as const;

  it('open, unplug, a failed re-init, a retried one, close', marbles((m) => {
    // o open, d ready, l unplugged, b port back, f init failed, 5 s, b retried, e ready, c closed
    const events$ = m.cold('o 99ms d 1s l 2s b 99ms f 5s b 99ms e 1s c', events);
    const expected = '    i 99ms r 1s n 2s i 99ms i 5s i 99ms r 1s z';
    m.expect(
      events$.pipe(
        scan(reduceModemLifecycle, initialModemLifecycle),
        map((state) => state.kind),
      ),
    ).toBeObservable(expected, kinds);
  }));
});
