import { distinctUntilChanged, interval, map, startWith, type Observable, type SchedulerLike } from '../rx';
import type { InterfaceReader } from './interface-reader';
import { interfaceState } from './interface-state';
import { disconnectedState, type NetworkState } from './network-state';

/**
 * Polls an interface every `pollIntervalMs` and emits its state at subscription and on every
 * change of kind. Polling, not netlink: sysfs reads are cheap, need no native module and no root,
 * and a 500 ms period keeps changes visible within a second.
 *
 * ```
 * reader:  up   up   down down up          (one read per tick, first at subscription)
 * output:  c---------d---------c--          (c connected, d disconnected)
 * ```
 *
 * A read that throws unexpectedly yields a disconnected state naming the failure instead of
 * ending the stream: a network's `state$` never errors.
 */
export function watchInterface(
  interfaceName: string,
  reader: InterfaceReader,
  pollIntervalMs: number,
  scheduler: SchedulerLike,
): Observable<NetworkState> {
  return interval(pollIntervalMs, scheduler).pipe(
    startWith(-1),
    map(() => readState(interfaceName, reader, scheduler.now())),
    distinctUntilChanged((previous, current) => previous.kind === current.kind),
  );
}

function readState(interfaceName: string, reader: InterfaceReader, now: number): NetworkState {
  try {
    return interfaceState(interfaceName, reader.read(interfaceName), now);
  } catch (error) {
    return disconnectedState(`cannot read interface ${interfaceName}: ${(error as Error).message}`, now);
  }
}
