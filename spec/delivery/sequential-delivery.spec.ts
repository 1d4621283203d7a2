import { marbles } from 'rxjs-marbles/jest';
import { map, type Observable } from 'rxjs';
import type { OutboundMessage } from '../../lib/cloud/outbound-message';
import { resultForCode } from '../../lib/cloud/result-codes';
import type { SendResult } from '../../lib/cloud/send-result';
import { DeliveryClosedError, SequentialDelivery } from '../../lib/delivery/sequential-delivery';

const message = (data: string): OutboundMessage => ({ data, topics: [] });

describe('SequentialDelivery', () => {
  it(
    'sends one message at a time, in order, each result on results$ and to its submitter',
    marbles((m) => {
      // Each exchange takes 3 frames and answers the code in its data.
      const sent: string[] = [];
      const send = (outbound: OutboundMessage): Observable<SendResult> => {
        sent.push(outbound.data);
        return m.cold('---(r|)', { r: resultForCode(Number(outbound.data)) });
      };
      const delivery = new SequentialDelivery(send);
      const codes = delivery.results$.pipe(map((result) => result.code));
      m.expect(codes).toBeObservable('---a--b--c', { a: 0, b: 3, c: 6 });
      m.scheduler.schedule(() => {
        delivery.submit(message('0')).subscribe();
        delivery.submit(message('3')).subscribe();
        delivery.submit(message('6')).subscribe();
      });
      m.flush();
      expect(sent).toEqual(['0', '3', '6']);
    }),
  );

  it(
    'is cold: nothing is accepted until subscribed; early unsubscribe keeps the message',
    marbles((m) => {
      const sent: string[] = [];
      const delivery = new SequentialDelivery((outbound) => {
        sent.push(outbound.data);
        return m.cold('-(r|)', { r: resultForCode(0) });
      });
      const submitted = delivery.submit(message('x'));
      expect(sent).toEqual([]);
      const codes = delivery.results$.pipe(map((result) => result.message.data));
      m.expect(codes).toBeObservable('-a', { a: 'x' });
      submitted.subscribe().unsubscribe();
      m.flush();
      expect(sent).toEqual(['x']);
    }),
  );

  it(
    'goes on with the next message when one sender fails, reporting the error to its submitter',
    marbles((m) => {
      let call = 0;
      const delivery = new SequentialDelivery(() => {
        call += 1;
        return call === 1 ? m.cold('-#', undefined, new Error('boom')) : m.cold('-(r|)', { r: resultForCode(0) });
      });
      const errors: unknown[] = [];
      delivery.submit(message('a')).subscribe({ error: (error) => errors.push(error) });
      const second = delivery.submit(message('b')).pipe(map((result) => result.code));
      m.expect(second).toBeObservable('--(a|)', { a: 0 });
      m.flush();
      expect(errors).toEqual([new Error('boom')]);
    }),
  );

  it(
    'on close, cancels the exchange in flight and fails the waiting submitters',
    marbles((m) => {
      const delivery = new SequentialDelivery(() => m.cold('-----(r|)', { r: resultForCode(0) }));
      const errors: unknown[] = [];
      delivery.submit(message('a')).subscribe({ error: (error) => errors.push(error) });
      delivery.submit(message('b')).subscribe({ error: (error) => errors.push(error) });
      m.expect(delivery.results$).toBeObservable('--|');
      m.scheduler.schedule(() => delivery.close(), 2);
      m.flush();
      expect(errors).toHaveLength(2);
      expect(errors[0]).toBeInstanceOf(DeliveryClosedError);
      const late: unknown[] = [];
      delivery.submit(message('c')).subscribe({ error: (error) => late.push(error) });
      expect(late[0]).toBeInstanceOf(DeliveryClosedError);
    }),
  );
});
