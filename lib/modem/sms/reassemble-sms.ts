import { asyncScheduler, Observable, OperatorFunction, SchedulerLike, Subscription } from 'rxjs';
import {
  addSmsPart,
  AssembledSms,
  AssemblerOptions,
  AssemblerStep,
  expireSmsParts,
  flushSmsParts,
  initialAssemblerState,
  nextExpiry,
} from './concatenated-sms-assembler';
import { SmsDeliverPdu } from './sms-pdu';

/**
 * Turns a stream of received SMS-DELIVER PDUs into whole messages.
 *
 * ```
 * maxAgeMs: 50
 * source:   --a2---a1-b1--------|
 * result:   -------A----------B-|      A = a1+a2 (complete)
 *                              B = b1 alone, complete: false, missing [2] (expired 50 ms after b1)
 * ```
 *
 * Single-PDU messages pass straight through. Parts of a multipart message are held until the
 * last one arrives, in any order; duplicates are dropped. A set still incomplete `maxAgeMs`
 * after its first part is emitted with `complete: false`, and so is every pending set when the
 * source completes, so nothing received is lost. Errors pass through. Time comes from
 * `scheduler` (its `now()` and its timers), so tests run it in virtual time.
 */
export function reassembleSms(
  options: AssemblerOptions,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<SmsDeliverPdu, AssembledSms> {
  return (source) =>
    new Observable<AssembledSms>((subscriber) => {
      let state = initialAssemblerState;
      /** The pending expiry timer, if any; one at a time, set for the earliest pending set. */
      let timer: Subscription | undefined;

      const apply = (step: AssemblerStep): void => {
        state = step.state;
        for (const message of step.expired) subscriber.next(message);
        for (const message of step.completed) subscriber.next(message);
        armTimer();
      };

      const armTimer = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        const at = nextExpiry(state, options);
        if (at === undefined || subscriber.closed) return;
        timer = scheduler.schedule(() => {
          timer = undefined;
          apply(expireSmsParts(state, scheduler.now(), options));
        }, Math.max(0, at - scheduler.now()));
      };

      const subscription = source.subscribe({
        next: (pdu) => {
          let step: AssemblerStep;
          try {
            step = addSmsPart(state, pdu, scheduler.now(), options);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          apply(step);
        },
        error: (error) => subscriber.error(error),
        complete: () => {
          timer?.unsubscribe();
          const step = flushSmsParts(state);
          state = step.state;
          for (const message of step.expired) subscriber.next(message);
          subscriber.complete();
        },
      });

      return () => {
        subscription.unsubscribe();
        timer?.unsubscribe();
      };
    });
}
