import { marbles } from 'rxjs-marbles/jest';
import { collectMessage } from '../../lib/inbound/collect-message';
import { InboundMessageTooLargeError } from '../../lib/inbound/inbound-message-too-large-error';
import { InboundConnectionDroppedError } from '../../lib/inbound/inbound-connection-dropped-error';

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
});
