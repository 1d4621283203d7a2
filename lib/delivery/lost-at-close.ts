import { logger } from '../logging';
import type { OutboxEntry, OutboxStore } from '../outbox/outbox-store';
import type { DeliveryReporter } from './delivery-reporter';
import type { Journeys } from './journeys';

const log = logger('delivery');

/**
 * A store that keeps nothing across a close loses what still waits in it (sends under way are
 * cancelled with it): each message is reported dropped (`closed`), so none vanishes unseen.
 */
export function reportLostAtClose(store: OutboxStore, journeys: Journeys, reporter: DeliveryReporter): void {
  let waiting: readonly OutboxEntry[];
  try {
    waiting = store.pending(Number.POSITIVE_INFINITY);
  } catch (error) {
    log('could not list the messages lost at close: %s', String(error));
    return;
  }
  const lost = waiting.filter((entry) => journeys.get(entry.id)?.kind !== 'settled');
  if (lost.length > 0) log('closing an outbox in memory: %d waiting messages are lost', lost.length);
  for (const entry of lost) reporter.dropped(entry.message, entry.id, 'closed', undefined);
}
