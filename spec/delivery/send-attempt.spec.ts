import { marbles } from 'rxjs-marbles/jest';
import type { Observable } from 'rxjs';
import { sendAttempts } from '../../lib/delivery/send-attempt';
import { emitEach } from '../../lib/operators/emit-each';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import { NoSendResultError } from '../../lib/delivery/no-send-result-error';
import { TransientSendError } from '../../lib/delivery/transient-send-error';
import { nextCircuitState, type CircuitState } from '../../lib/delivery/circuit-breaker';
import type { OutboxEntry } from '../../lib/outbox/outbox-store';
import type { SendResult } from '../../lib/cloud/send-result';
import { AUTH_INVALID, INTERNAL, OK } from './fake-send';

const entryOf = (id: number): OutboxEntry => ({ id, message: { data: `m${id}`, topics: [] }, bytes: 2, acceptedAt: 0 });
const entry = entryOf(7);

/** A send whose answer for each message is the cold Observable `answers[data]`. */
const sendFrom = (answers: Record<string, Observable<SendResult>>) => (message: OutboundMessage) => answers[message.data];

describe('sendAttempts', () => {
  it('the first answer settles the attempt and ends the send; an error or no answer is transient (doc diagram)', marbles((m) => {
    const a = entryOf(1);
    const b = entryOf(2);
    const c = entryOf(3);
    const answerA = m.cold('--r--r|', { r: OK });
    const answerB = m.cold<SendResult>('--#', undefined, new Error('ECONNRESET'));
    const answerC = m.cold<SendResult>('--|');
    const entries = m.hot('a----b---c--|', { a, b, c });
    m.expect(entries.pipe(sendAttempts(sendFrom({ m1: answerA, m2: answerB, m3: answerC })))).toBeObservable('--d----t---u|', {
      d: { kind: 'delivered', entry: a, result: OK },
      t: { kind: 'transient', entry: b, cause: new Error('ECONNRESET') },
      u: { kind: 'transient', entry: c, cause: new NoSendResultError(3) },
    });
    m.has(answerA, '^-!');
    m.has(answerB, '-----^-!');
  }));

  it('the outcomes name their entry and cause: no answer is NoSendResultError', marbles((m) => {
    const silent = m.cold<SendResult>('--|');
    m.expect(m.cold('a|', { a: entry }).pipe(sendAttempts(() => silent))).toBeObservable('--(t|)', {
      t: { kind: 'transient', entry, cause: new NoSendResultError(7) },
    });
  }));

  it('a permanent code fails; a transient code is transient with the answer as its cause', marbles((m) => {
    m.expect(m.cold('a|', { a: entry }).pipe(sendAttempts(() => m.cold('-a', { a: AUTH_INVALID })))).toBeObservable('-(f|)', {
      f: { kind: 'failed', entry, result: AUTH_INVALID },
    });
    m.expect(m.cold('a|', { a: entry }).pipe(sendAttempts(() => m.cold('-a', { a: INTERNAL })))).toBeObservable('-(t|)', {
      t: { kind: 'transient', entry, cause: new TransientSendError(INTERNAL) },
    });
  }));

  it('a send that throws is a transient outcome, not an error of the output', marbles((m) => {
    const boom = new Error('boom');
    const throwing = (): Observable<SendResult> => {
      throw boom;
    };
    m.expect(m.cold('a-|', { a: entry }).pipe(sendAttempts(throwing))).toBeObservable('t-|', { t: { kind: 'transient', entry, cause: boom } });
  }));

  it('sends run side by side; the output completes after the last one settles', marbles((m) => {
    const a = entryOf(1);
    const b = entryOf(2);
    const slow = m.cold('----r', { r: OK });
    const fast = m.cold('-r', { r: OK });
    m.expect(m.cold('ab|', { a, b }).pipe(sendAttempts(sendFrom({ m1: slow, m2: fast })))).toBeObservable('--b-(a|)', {
      a: { kind: 'delivered', entry: a, result: OK },
      b: { kind: 'delivered', entry: b, result: OK },
    });
  }));

  it('unsubscribing cancels the sends under way; nothing is emitted', marbles((m) => {
    const never = m.cold<SendResult>('-');
    const output = m.cold('a', { a: entry }).pipe(sendAttempts(() => never));
    m.expect(output, '^--!').toBeObservable('-');
    m.has(never, '^--!');
  }));
});

describe('emitEach', () => {
  it('emits every element of each projection at once, in order (doc diagram)', marbles((m) => {
    const project = (value: string): readonly number[] => (value === 'a' ? [1, 2] : []);
    m.expect(m.cold('--a---b--|').pipe(emitEach(project))).toBeObservable('--(xy)---|', { x: 1, y: 2 });
  }));

  it('a projection that throws errors the output', marbles((m) => {
    const boom = new Error('boom');
    const project = (): readonly number[] => {
      throw boom;
    };
    m.expect(m.cold('-a-b').pipe(emitEach(project))).toBeObservable('-#', undefined, boom);
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
