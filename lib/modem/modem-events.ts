import { EMPTY, map, type Observable } from '../rx';
import { concatMap, merge, of, scan } from '../rx-extra';
import type { ModemEvent, ModemState } from './modem-status';
import type { RegistrationStatus } from './registration-status';
import type { SignalQuality } from './signal-quality';
import type { ReceivedSms } from './sms-service';
import { withoutUndefined } from './without-undefined';

/** The streams a modem's events are made from. */
export interface ModemEventSources {
  readonly state$: Observable<ModemState>;
  readonly registration$: Observable<RegistrationStatus>;
  /** Each signal reading as polled. */
  readonly signalReadings$: Observable<SignalQuality>;
  readonly sms$: Observable<ReceivedSms>;
  /** What `modem.connected` says about the modem, read when it becomes ready. */
  readonly connectedInfo: () => { readonly driver: string; readonly model?: string; readonly port: string };
}

/**
 * The modem's `modem.*` and `sms.received` events: state changes into and out of `ready`, each
 * distinct registration, each signal reading, each SMS. Payloads carry the event bus's plain
 * fields (`status`, `rssi`, `dbm`, `reason`) beside the modem layer's own data.
 */
export function modemEvents(sources: ModemEventSources): Observable<ModemEvent> {
  return merge(
    sources.state$.pipe(
      scan(
        (acc, state) => ({ previous: acc.state, state }),
        { previous: undefined as ModemState | undefined, state: undefined as ModemState | undefined },
      ),
      concatMap(({ previous, state }): Observable<ModemEvent> => {
        if (state === 'ready' && previous !== 'ready') {
          return of({ name: 'modem.connected', payload: withoutUndefined(sources.connectedInfo()) });
        }
        if (previous === 'ready' && state !== 'ready' && state !== undefined) {
          return of({ name: 'modem.disconnected', payload: { state, reason: state === 'closed' ? 'closed' : 'port lost' } });
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
