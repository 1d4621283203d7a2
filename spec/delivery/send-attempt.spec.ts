import { marbles } from 'rxjs-marbles/jest';
import { toOutcome } from '../../lib/delivery/send-attempt';
import { NoSendResultError } from '../../lib/delivery/no-send-result-error';
import { TransientSendError } from '../../lib/delivery/transient-send-error';
import { nextCircuitState, type CircuitState } from '../../lib/delivery/circuit-breaker';
import type { OutboxEntry } from '../../lib/outbox/outbox-store';
import type { SendResult } from '../../lib/cloud/send-result';
import { AUTH_INVALID, INTERNAL, OK } from './fake-send';

const entry: OutboxEntry = { id: 7, message: { data: 'x', topics: [] }, bytes: 1, acceptedAt: 0 };

describe('toOutcome', () => {
  it('the first answer settles the attempt and ends the send; an error or no answer is transient (doc diagram)', marbles((m) => {
    const answer = m.cold('--a--b|', { a: OK, b: OK });
    m.expect(answer.pipe(toOutcome(entry))).toBeObservable('--(d|)', { d: { kind: 'delivered', entry, result: OK } });
    m.expect(answer).toHaveSubscriptions('^-!');
    const failing = m.cold<SendResult>('--#', undefined, new Error('ECONNRESET'));
    m.expect(failing.pipe(toOutcome(entry))).toBeObservable('--(t|)', { t: { kind: 'transient', entry, cause: new Error('ECONNRESET') } });
    m.expect(m.cold<SendResult>('--|').pipe(toOutcome(entry))).toBeObservable('--(t|)', { t: { kind: 'transient', entry, cause: new NoSendResultError(7) } });
  }));

  it('a permanent code fails; a transient code is transient with the answer as its cause', marbles((m) => {
    m.expect(m.cold('-a', { a: AUTH_INVALID }).pipe(toOutcome(entry))).toBeObservable('-(f|)', { f: { kind: 'failed', entry, result: AUTH_INVALID } });
    m.expect(m.cold('-a', { a: INTERNAL }).pipe(toOutcome(entry))).toBeObservable('-(t|)', { t: { kind: 'transient', entry, cause: new TransientSendError(INTERNAL) } });
  }));

  it('never, and early unsubscribe: nothing emitted, the send unsubscribed', marbles((m) => {
    const never = m.cold<SendResult>('-');
    m.expect(never.pipe(toOutcome(entry)), '^--!').toBeObservable('-');
    m.expect(never).toHaveSubscriptions('^--!');
  }));
});

describe('nextCircuitState', () => {
  it.each<[CircuitState, 'succeeded' | 'failed' | 'wait-over', CircuitState]>([
    [{ kind: 'closed', failures: 0 }, 'failed', { kind: 'closed', failures: 1 }],
    [{ kind: 'closed', failures: 4 }, 'failed', { kind: 'open', openings: 1 }],
    [{ kind: 'closed', failures: 4 }, 'succeeded', { kind: 'closed', failures: 0 }],
    [{ kind: 'open', openings: 1 }, 'failed', { kind: 'open', openings: 1 }],
    [{ kind: 'open', openings: 1 }, 'wait-over', { kind: 'probing', openings: 1 }],
    [{ kind: 'probing', openings: 1 }, 'failed', { kind: 'open', openings: 2 }],
    [{ kind: 'probing', openings: 3 }, 'succeeded', { kind: 'closed', failures: 0 }],
    [{ kind: 'closed', failures: 2 }, 'wait-over', { kind: 'closed', failures: 2 }],
  ])('%j + %s -> %j (threshold 5)', (state, event, next) => {
    expect(nextCircuitState(state, event, 5)).toEqual(next);
  });
});
