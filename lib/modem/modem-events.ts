import { EMPTY, map, type Observable } from '../rx';
import { concatMap, merge, of, scan } from '../rx-extra';
import type { ModemLifecycle } from './modem-lifecycle';
import type { ModemEvent } from './modem-status';
import type { RegistrationStatus } from './registration-status';
import type { SignalQuality } from './signal-quality';
import type { ReceivedSMS } from './sms-service';
import { withoutUndefined } from './without-undefined';

/** The streams a modem's events are made from. */
export interface ModemEventSources {
  /** The modem's state (its session says what `modem.connected` tells of the modem). */
  readonly lifecycle$: Observable<ModemLifecycle>;
  /** The device path now (it changes when the modem is found again elsewhere), or a description of the stream. */
  readonly port: () => string;
  readonly registration$: Observable<RegistrationStatus>;
  /** Each signal reading as polled. */
  readonly signalReadings$: Observable<SignalQuality>;
  readonly sms$: Observable<ReceivedSMS>;
}

/**
 * The modem's `modem.*` and `sms.received` events: state changes into and out of `ready`, each
 * distinct registration, each signal reading, each SMS. Payloads carry the event bus's plain
 * fields (`status`, `rssi`, `dbm`, `reason`) beside the modem layer's own data.
 */
export function modemEvents(sources: ModemEventSources): Observable<ModemEvent> {
  return merge(
    sources.lifecycle$.pipe(
      scan(
        (acc, state) => ({ previous: acc.state, state }),
        { previous: undefined as ModemLifecycle | undefined, state: undefined as ModemLifecycle | undefined },
      ),
      concatMap(({ previous, state }): Observable<ModemEvent> => {
        if (state?.kind === 'ready' && previous?.kind !== 'ready') {
          const { driver, identity } = state.session;
          return of({ name: 'modem.connected', payload: withoutUndefined({ driver: driver.name, model: identity.model, port: sources.port() }) });
        }
        if (previous?.kind === 'ready' && state !== undefined && state.kind !== 'ready') {
          return of({ name: 'modem.disconnected', payload: { state: state.kind, reason: state.kind === 'closed' ? 'closed' : 'port lost' } });
        }
        return EMPTY;
      }),
    ),
    sources.registration$.pipe(map((r): ModemEvent => ({ name: 'modem.registration', payload: { ...r, status: r.state } }))),
    sources.signalReadings$.pipe(
      map((s): ModemEvent => ({ name: 'modem.signal', payload: { ...s, rssi: s.raw === 99 ? null : s.raw, dbm: s.rssiDbm ?? null } })),
    ),
    sources.sms$.pipe(map((payload): ModemEvent => ({ name: 'sms.received', payload }))),
  );
}
