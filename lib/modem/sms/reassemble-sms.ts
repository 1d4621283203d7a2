import { asyncScheduler, Observable, OperatorFunction, SchedulerLike, Subscription } from '../../rx';
import {
  addSMSPart,
  AssembledSMS,
  AssemblerOptions,
  AssemblerStep,
  expireSMSParts,
  flushSMSParts,
  initialAssemblerState,
  nextExpiry,
} from './concatenated-sms-assembler';
import { SMSDeliverPDU } from './sms-pdu';

/**
 * Turns a stream of received SMS-DELIVER PDUs into whole messages.
 *
 * ```
 * maxAgeMs: 5 (one frame = 1 ms)
 * source:   --x---y-z---------|    x = part 2 of A, y = part 1 of A, z = part 1 of 2 of B
 * result:   ------A------B----|    A = y+x, complete; B = z alone, complete: false, missing [2]
 * ```
 *
 * Single-PDU messages pass straight through. Parts of a multipart message are held until the
 * last one arrives, in any order; duplicates are dropped. A set still incomplete `maxAgeMs`
 * after its first part is emitted with `complete: false`, and so is every pending set when the
 * source completes or errors (before the error), so nothing received is lost. Time comes from
 * `scheduler` (its `now()` and its timers), so tests run it in virtual time.
 */
export function reassembleSMS(
  options: AssemblerOptions,
  scheduler: SchedulerLike = asyncScheduler,
): OperatorFunction<SMSDeliverPDU, AssembledSMS> {
  expireSMSParts(initialAssemblerState, 0, options); // validates options now, not at the first part
  return (source) =>
    new Observable<AssembledSMS>((subscriber) => {
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
          apply(expireSMSParts(state, scheduler.now(), options));
        }, Math.max(0, at - scheduler.now()));
      };

      /** Emits every pending set as incomplete: the source is done, no part can still come. */
      const flush = (): void => {
        timer?.unsubscribe();
        timer = undefined;
        const step = flushSMSParts(state);
        state = step.state;
        for (const message of step.expired) subscriber.next(message);
      };

      const subscription = source.subscribe({
        next: (pdu) => {
          let step: AssemblerStep;
          try {
            step = addSMSPart(state, pdu, scheduler.now(), options);
          } catch (error) {
            subscriber.error(error);
            return;
          }
          apply(step);
        },
        error: (error) => {
          flush();
          subscriber.error(error);
        },
        complete: () => {
          flush();
          subscriber.complete();
        },
      });

      return () => {
        subscription.unsubscribe();
        timer?.unsubscribe();
      };
    });
}
