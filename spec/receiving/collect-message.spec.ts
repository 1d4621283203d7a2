import { marbles } from 'rxjs-marbles/jest';
import { collectMessage } from '../../lib/receiving/collect-message';
import { InboundMessageTooLargeError } from '../../lib/receiving/inbound-message-too-large-error';
import { InboundConnectionDroppedError } from '../../lib/receiving/inbound-connection-dropped-error';
import { InboundSenderTooSlowError } from '../../lib/receiving/inbound-sender-too-slow-error';

const chunks = { a: Buffer.from('he'), b: Buffer.from('llo'), c: Buffer.from('!') };
const hello = Buffer.from('hello');

describe('collectMessage', () => {
  it('follows its doc diagram: complete when the peer closes, or after the idle timeout', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 5, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('-a-b-|', chunks).pipe(collect)).toBeObservable('-----(m|)', { m: hello });
    m.expect(m.cold('-a-b------', chunks).pipe(collect)).toBeObservable('--------(m|)', { m: hello });
  }));

  it('restarts the idle timer on every chunk', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 3, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('--a--b--c---', chunks).pipe(collect)).toBeObservable('-----------(m|)', { m: Buffer.from('hello!') });
  }));

  it('yields no message for a connection that sent nothing', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 3, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('--|').pipe(collect)).toBeObservable('--|');
    m.expect(m.cold('------').pipe(collect)).toBeObservable('---|');
  }));

  it('fails at once past the size limit', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 10, maxMessageBytes: 4, scheduler: m.scheduler });
    const source = m.cold('-a-b-c-|', chunks);
    m.expect(source.pipe(collect)).toBeObservable('---#', undefined, new InboundMessageTooLargeError(4, 5));
    m.expect(source).toHaveSubscriptions('^--!');
  }));

  it('accepts a message of exactly the limit', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 10, maxMessageBytes: 5, scheduler: m.scheduler });
    m.expect(m.cold('-a-b-|', chunks).pipe(collect)).toBeObservable('-----(m|)', { m: hello });
  }));

  it('passes a connection error through and stops on early unsubscribe', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 10, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('-a-#', chunks).pipe(collect)).toBeObservable('---#');
    const source = m.cold('-a-b-|', chunks);
    m.expect(source.pipe(collect), '^-!').toBeObservable('---');
    m.expect(source).toHaveSubscriptions('^-!');
  }));

  it('follows its doc diagram with a first-byte timeout: a silent connection fails with no-data', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 5, firstByteTimeoutMs: 3, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('-a-b-|', chunks).pipe(collect)).toBeObservable('-----(m|)', { m: hello });
    m.expect(m.cold('-a-b------', chunks).pipe(collect)).toBeObservable('--------(m|)', { m: hello });
    const silent = m.cold('---------');
    m.expect(silent.pipe(collect)).toBeObservable('---#', undefined, new InboundConnectionDroppedError('no-data', 3));
    m.expect(silent).toHaveSubscriptions('^--!');
  }));

  it('with a first-byte timeout, a slow first byte still fails and a peer that closes silently yields nothing', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 2, firstByteTimeoutMs: 4, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('-----a-|', chunks).pipe(collect)).toBeObservable('----#', undefined, new InboundConnectionDroppedError('no-data', 4));
    // The first byte within 4, then the idle timeout (2) applies between chunks.
    m.expect(m.cold('---a-b---', chunks).pipe(collect)).toBeObservable('-------(m|)', { m: hello });
    m.expect(m.cold('--|').pipe(collect)).toBeObservable('--|');
  }));

  it('follows its doc diagram for trickling senders: the deadline, and the minimum rate', marbles((m) => {
    const trickle = { ...chunks, d: Buffer.from('d'), e: Buffer.from('e'), f: Buffer.from('f') };
    const deadline = collectMessage({ idleTimeoutMs: 5, messageTimeoutMs: 12, maxMessageBytes: 100, scheduler: m.scheduler });
    const source = m.cold('-a--b--c--d--e--f-', trickle);
    m.expect(source.pipe(deadline)).toBeObservable('------------#', undefined, new InboundSenderTooSlowError('deadline', 7, 12));
    m.expect(source).toHaveSubscriptions('^-----------!');
    const rate = collectMessage({ idleTimeoutMs: 20, firstByteTimeoutMs: 3, minBytesPerSecond: 1000, maxMessageBytes: 100, scheduler: m.scheduler });
    m.expect(m.cold('-a--------b--', chunks).pipe(rate)).toBeObservable('----------#', undefined, new InboundSenderTooSlowError('rate', 5, 10));
  }));

  it('lets a sender at the minimum rate through, and a message complete before its deadline', marbles((m) => {
    const collect = collectMessage({ idleTimeoutMs: 5, firstByteTimeoutMs: 3, messageTimeoutMs: 12, minBytesPerSecond: 400, maxMessageBytes: 100, scheduler: m.scheduler });
    // 2 bytes at 1, 5 at 4 (above 400 B/s: 1.6 needed), then closed at 6 (before the deadline).
    m.expect(m.cold('-a--b-|', chunks).pipe(collect)).toBeObservable('------(m|)', { m: hello });
    // Idle completion also beats the deadline.
    m.expect(m.cold('-a--b------', chunks).pipe(collect)).toBeObservable('---------(m|)', { m: hello });
    // A silent connection still fails as no-data, not as slow.
    m.expect(m.cold('--------').pipe(collect)).toBeObservable('---#', undefined, new InboundConnectionDroppedError('no-data', 3));
    // Unsubscribed early: no timer left.
    const source = m.cold('-a--b--c--d--', chunks);
    m.expect(source.pipe(collect), '^---!').toBeObservable('-----');
    m.expect(source).toHaveSubscriptions('^---!');
  }));
});
