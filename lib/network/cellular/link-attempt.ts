import { defer, filter, map, type Observable, type SchedulerLike } from '../../rx';
import { concat, first, from, ignoreElements, merge } from '../../rx-extra';
import { ClosedError } from '../../closed-error';
import type { Modem } from '../../modem/modem';
import { linkWaiting, type LinkInput } from './cellular-input';
import { CellularLinkLostError } from './cellular-link-lost-error';
import { CellularLinkTimeoutError } from './cellular-link-timeout-error';
import type { DataLink } from './data-link';
import { requireUpWithin } from './require-up-within';

export interface LinkAttemptOptions {
  readonly apn: string;
  /** Longest time from starting the data link to `up` (registration waits do not count). */
  readonly timeoutMs: number;
  readonly scheduler: SchedulerLike;
}

/**
 * One attempt to get data flowing over `modem`: wait for the modem to be ready and registered
 * (however long that takes), bring the data link up within `timeoutMs`, then watch it. Errors
 * when the link cannot come up, or when it drops: the link says so, the modem loses its
 * registration, or the modem is unplugged or closed.
 */
export function linkAttempt(modem: Modem, link: DataLink, options: LinkAttemptOptions): Observable<LinkInput> {
  const ready$ = modem.state$.pipe(
    filter((state) => state === 'ready' || state === 'closed'),
    first(),
    map((state) => {
      if (state === 'closed') throw new ClosedError('modem', modem.path);
    }),
  );
  const registered$ = modem.registration$.pipe(first((registration) => registration.registered));
  const modemLost$ = modem.state$.pipe(
    filter((state) => state !== 'ready'),
    map((state): LinkInput => {
      if (state === 'closed') throw new ClosedError('modem', modem.path);
      throw new CellularLinkLostError(state === 'reconnecting' ? 'the modem was unplugged' : `the modem is ${state}`);
    }),
  );
  const registrationLost$ = modem.registration$.pipe(
    filter((registration) => !registration.registered),
    map((registration): LinkInput => {
      throw new CellularLinkLostError(`registration lost (${registration.state})`);
    }),
  );
  return concat(
    [linkWaiting],
    defer(() => from(link.prepare())).pipe(ignoreElements()),
    ready$.pipe(ignoreElements()),
    registered$.pipe(ignoreElements()),
    merge(
      link.up$(options.apn).pipe(requireUpWithin(options.timeoutMs, () => new CellularLinkTimeoutError(options.timeoutMs, link.mode), options.scheduler)),
      modemLost$,
      registrationLost$,
    ),
  );
}
