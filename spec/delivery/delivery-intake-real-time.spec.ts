import { BehaviorSubject, NEVER } from 'rxjs';
import { DeliveryPipeline } from '../../lib/delivery/delivery-pipeline';
import { recordingStore } from './recording-store';

/**
 * In real time a burst of submits ends with the current run of code: the outbox gets it in one
 * append right after (a microtask), not after a 0 ms timer (1 ms or more, paid by every message a
 * caller sends one at a time and awaits).
 */
describe('DeliveryPipeline intake in real time', () => {
  it('appends a synchronous burst once, before any timer or I/O callback runs', async () => {
    const { store, appends } = recordingStore();
    const pipeline = new DeliveryPipeline({ store, connected$: new BehaviorSubject(false), send: () => NEVER });
    pipeline.start();
    let immediateRan = false;
    setImmediate(() => (immediateRan = true));
    for (let i = 0; i < 10; i++) pipeline.enqueue({ data: `m${i}`, topics: [] });
    expect(appends).toEqual([]); // not yet: the burst is still open
    await Promise.resolve();
    await Promise.resolve();
    expect(appends).toEqual([10]);
    expect(immediateRan).toBe(false);
    pipeline.close();
  });
});
