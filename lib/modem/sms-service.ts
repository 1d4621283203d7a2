import { asyncScheduler, catchError, defer, EMPTY, filter, firstValueFrom, map, Observable, Subject, switchMap, type SchedulerLike } from '../rx';
import { concatMap, from, ignoreElements, merge, mergeMap, of, reduce, share, tap, finalize } from '../rx-extra';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { responseArgs, type ATResponse } from './at/at-response';
import type { ATCommandOptions } from './at/at-engine';
import type { URC } from './at/urc';
import { formatAddress } from './sms/address';
import type { AssembledSMS } from './sms/concatenated-sms-assembler';
import { decodePDU } from './sms/decode-pdu';
import { encodeSubmit, type SubmitOptions } from './sms/encode-submit';
import { reassembleSMS } from './sms/reassemble-sms';
import type { SMSDeliverPDU, SMSPDU, SMSStatusReportPDU } from './sms/sms-pdu';
import { SMSSendError } from './sms-send-error';
import type { ModemSession } from './modem-session';
import { nextSMSSlot, type SMSSlot, type SMSSlotAction, type SMSSlotEvent } from './sms-slot';
import { parseMessageList, parseMessageRead, type StoredSMS } from './stored-sms';

const log = logger('sms');

/** A received message, whole (or what arrived of it, see `complete`), with a printable sender. */
export interface ReceivedSMS extends AssembledSMS {
  /** The sender as text: `+15551234567` or an alphanumeric name such as `InternetSMS`. */
  readonly from: string;
}

/** What the SMS service needs from the modem. */
export interface SMSServiceDependencies {
  command$(command: string, options?: ATCommandOptions): Observable<ATResponse>;
  /** Every URC. */
  readonly urc$: Observable<URC>;
  /**
   * Each session the modem is (again) ready with, the current one first: stored messages are
   * collected then, and its `directDeliveryAck` says whether `+CMT` deliveries need `AT+CNMA`.
   */
  readonly sessions$: Observable<ModemSession>;
}

export interface SMSServiceOptions {
  /** How long parts of a multipart message wait for the rest (default 24 h). */
  readonly maxPartAgeMs?: number;
  readonly scheduler?: SchedulerLike;
}

/** One decoded incoming PDU and where it is stored (undefined for a direct `+CMT`/`+CDS`). */
interface Incoming {
  readonly pdu: SMSPDU;
  readonly index?: number;
}

/**
 * SMS through the modem in PDU mode: sending (`AT+CMGS`, every part in order), receiving (stored
 * messages at start and after each re-init, `+CMTI` → `AT+CMGR`, direct `+CMT`, status reports
 * `+CDS`/`+CDSI`), listing and deleting.
 *
 * Received messages are deleted from the modem only once the message they belong to has been
 * emitted (a multipart message: once reassembled or given up), so a restart in between loses
 * nothing: the parts are read again. A PDU that cannot be decoded is logged with its hex and left
 * in the modem's memory; it never ends the stream.
 *
 * `sms$` is shared and runs only while subscribed: the first subscriber starts one receive
 * pipeline (it lists the store, then follows `+CMTI`/`+CMT`), later ones join it (hot: no replay),
 * and when the last one leaves it stops. Messages arriving while nobody listens stay in the
 * modem's store, and the next subscription lists the store again, so none is lost; parts of a
 * multipart message that were read but not yet emitted are let go and read again then. A message
 * is never emitted twice: once emitted it is remembered until its deletion succeeds, and a listing
 * that still finds it (the deletion failed, or had not run yet) deletes it instead of emitting it.
 * What is known of each storage slot is one `SMSSlot` per index, moved only by `nextSMSSlot`.
 */
export class SMSService {
  readonly #scheduler: SchedulerLike;
  readonly #maxPartAgeMs: number;
  #concatReference: number;
  /** What is known of each storage slot, by index (see `SMSSlot`; `nextSMSSlot` moves them). */
  readonly #slots = new Map<number, SMSSlot>();
  readonly #statusReportSubject = new Subject<SMSStatusReportPDU>();
  readonly #incoming$: Observable<ReceivedSMS>;

  /**
   * Received messages, reassembled. Subscribing starts collecting (and deleting) messages. Shared
   * while subscribed; after the last subscriber left, the next one reads the modem's store again
   * (see the class comment): nothing emitted comes again, nothing stored is lost.
   */
  readonly sms$: Observable<ReceivedSMS>;
  /** Delivery reports (`+CDS`, `+CDSI`, or stored), while `sms$` is subscribed. */
  readonly statusReports$: Observable<SMSStatusReportPDU>;

  readonly #deps: SMSServiceDependencies;

  constructor(
    deps: SMSServiceDependencies,
    options: SMSServiceOptions = {},
  ) {
    this.#deps = deps;
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#maxPartAgeMs = options.maxPartAgeMs ?? 24 * 60 * 60 * 1000;
    this.#concatReference = Math.floor(this.#scheduler.now() / 1000) & 0xff;
    this.#incoming$ = this.#receive$().pipe(share());
    this.sms$ = this.#incoming$;
    this.statusReports$ = this.#statusReportSubject.asObservable();
  }

  /**
   * Sends `text` to `destination` (`+digits` or digits): GSM 7-bit or UCS2 as the text needs,
   * split into concatenated parts when long. Emits the message references (one per part) and
   * completes; errors with `SMSAddressError` (bad destination) or `SMSSendError` (naming the part).
   */
  send$(destination: string, text: string, options: Omit<SubmitOptions, 'concatReference'> = {}): Observable<number[]> {
    return defer(() => {
      const parts = encodeSubmit(destination, text, { ...options, concatReference: this.#nextConcatReference() });
      const sent: number[] = [];
      return from(parts).pipe(
        concatMap((part, index) =>
          this.#deps.command$(`AT+CMGS=${part.tpduLength}`, { body: part.pdu, expect: { kind: 'prefixed', prefix: '+CMGS' } }).pipe(
            map((response) => Number(responseArgs(response, '+CMGS')[0]?.[0] ?? NaN)),
            tap((reference) => sent.push(reference)),
            catchError((error: unknown) => {
              throw new SMSSendError(destination, index + 1, parts.length, [...sent], error);
            }),
          ),
        ),
        reduce((references, reference) => [...references, reference], [] as number[]),
      );
    });
  }

  /** Every message in the modem's memory (`AT+CMGL=4`), decoded where possible. Nothing is deleted. */
  list$(): Observable<StoredSMS[]> {
    return this.#deps.command$('AT+CMGL=4').pipe(map((response) => parseMessageList(response.lines)));
  }

  /** The message at `index`, or undefined for an empty slot. */
  read$(index: number): Observable<StoredSMS | undefined> {
    return this.#deps.command$(`AT+CMGR=${checkIndex(index)}`).pipe(map((response) => parseMessageRead(index, response.lines)));
  }

  /** Deletes the message at `index` (`AT+CMGD`); emits once done. */
  delete$(index: number): Observable<void> {
    return this.#deps.command$(`AT+CMGD=${checkIndex(index)}`).pipe(map(() => undefined));
  }

  /** Reads the oldest received message (by time stamp, then index) and deletes it; undefined when none. */
  pop$(): Observable<StoredSMS | undefined> {
    return this.list$().pipe(
      concatMap((messages) => {
        const oldest = messages
          .filter((m) => m.status === 'unread' || m.status === 'read')
          .sort((a, b) => timeOf(a) - timeOf(b) || a.index - b.index)[0];
        return oldest ? this.delete$(oldest.index).pipe(map(() => oldest)) : of(undefined);
      }),
    );
  }

  /** The modem is closed: completes `statusReports$` (`sms$` completes with the modem's URCs). */
  complete(): void {
    this.#statusReportSubject.complete();
  }

  /** Promise form of `send$()`. */
  send(destination: string, text: string, options?: Omit<SubmitOptions, 'concatReference'>): Promise<number[]> {
    return firstValueFrom(this.send$(destination, text, options));
  }

  /** Promise form of `list$()`. */
  list(): Promise<StoredSMS[]> {
    return firstValueFrom(this.list$());
  }

  /** Promise form of `read$()`. */
  read(index: number): Promise<StoredSMS | undefined> {
    return firstValueFrom(this.read$(index));
  }

  /** Promise form of `delete$()`. */
  delete(index: number): Promise<void> {
    return firstValueFrom(this.delete$(index), { defaultValue: undefined });
  }

  /** Promise form of `pop$()`. */
  pop(): Promise<StoredSMS | undefined> {
    return firstValueFrom(this.pop$());
  }

  #nextConcatReference(): number {
    this.#concatReference = (this.#concatReference + 1) & 0xff;
    return this.#concatReference;
  }

  /** The receive pipeline (cold; shared by `sms$`). */
  #receive$(): Observable<ReceivedSMS> {
    return defer(() => {
      const { urc$, sessions$ } = this.#deps;
      const storedAtReady$ = sessions$.pipe(
        concatMap(() =>
          this.list$().pipe(
            catchError((error: unknown) => {
              log('listing stored messages failed: %s', error instanceof Error ? error.message : error);
              return of([] as StoredSMS[]);
            }),
          ),
        ),
        mergeMap((messages) => from(messages.filter((m) => m.status === 'unread' || m.status === 'read'))),
      );
      const notified$ = urc$.pipe(
        filter((urc) => urc.name === '+CMTI' || urc.name === '+CDSI'),
        map((urc) => Number(urc.args[1])),
        filter((index) => Number.isInteger(index) && index >= 0),
        concatMap((index) => this.#readForReceive$(index)),
      );
      // Acknowledged as the latest session says (a direct delivery during a re-init: the last one).
      const direct$ = sessions$.pipe(
        switchMap((session) =>
          urc$.pipe(
            filter((urc) => (urc.name === '+CMT' || urc.name === '+CDS') && urc.text !== undefined),
            concatMap((urc) => this.#acknowledge$(urc, session.directDeliveryAck)),
          ),
        ),
      );
      const fromStore$ = merge(storedAtReady$, notified$).pipe(
        concatMap((stored) => of(this.#accept(stored)).pipe(filter((item): item is Incoming => item !== undefined))),
      );
      const incoming$ = merge(fromStore$, direct$).pipe(share());
      const reports$ = incoming$.pipe(
        filter((item) => item.pdu.type === 'status-report'),
        tap((item) => {
          const emitted = this.#markEmitted([item.pdu]);
          this.#statusReportSubject.next(item.pdu as SMSStatusReportPDU);
          this.#deleteEmitted(emitted);
        }),
        ignoreElements(),
      );
      const messages$ = incoming$.pipe(
        filter((item) => item.pdu.type === 'deliver'),
        map((item) => item.pdu as SMSDeliverPDU),
        reassembleSMS({ maxAgeMs: this.#maxPartAgeMs }, this.#scheduler),
        // Marked emitted before it goes out (a subscriber leaving and coming back on this very
        // message must not get it again), deleted from the modem after (a crash in between reads
        // it again: nothing is lost).
        concatMap(
          (message) =>
            new Observable<ReceivedSMS>((subscriber) => {
              const emitted = this.#markEmitted(message.parts);
              subscriber.next({ ...message, from: formatAddress(message.sender) });
              this.#deleteEmitted(emitted);
              subscriber.complete();
            }),
        ),
      );
      // Only one pipeline runs at a time (`share`): what it read and did not emit is let go, so
      // the next subscription's listing reads it again instead of skipping it for ever.
      return merge(messages$, reports$).pipe(finalize(() => this.#letGoHeld()));
    });
  }

  /** Reads a stored message announced by `+CMTI`; nothing when already held or being deleted. */
  #readForReceive$(index: number): Observable<StoredSMS> {
    const known = this.#slots.get(index)?.kind;
    if (known === 'held' || known === 'deleting') return EMPTY;
    return this.read$(index).pipe(
      filter((stored): stored is StoredSMS => stored !== undefined),
      catchError((error: unknown) => {
        log('reading stored message %d failed: %s', index, error instanceof Error ? error.message : error);
        return EMPTY;
      }),
    );
  }

  /** Moves slot `index` by `event`; returns what to do. */
  #apply(index: number, event: SMSSlotEvent): SMSSlotAction {
    const { slot, action } = nextSMSSlot(this.#slots.get(index), event);
    if (slot) this.#slots.set(index, slot);
    else this.#slots.delete(index);
    return action;
  }

  /**
   * A stored message enters the pipeline once: decoded ones are held, bad ones logged and kept.
   * One already emitted (its deletion failed) is deleted, not emitted again.
   */
  #accept(stored: StoredSMS): Incoming | undefined {
    const before = this.#slots.get(stored.index);
    const action = this.#apply(stored.index, { type: 'read', pduHex: stored.pduHex, pdu: stored.pdu });
    if (action === 'delete') this.#startDelete(stored.index, stored.pduHex);
    const after = this.#slots.get(stored.index);
    if (after?.kind === 'undecodable' && after !== before) {
      log('stored message %d cannot be decoded, kept in the modem: %s (PDU %s)', stored.index, stored.error?.message, stored.pduHex);
    }
    return action === 'receive' && stored.pdu ? { pdu: stored.pdu, index: stored.index } : undefined;
  }

  /** A direct delivery (`+CMT`/`+CDS`): acknowledged when the modem wants it, then decoded. */
  #acknowledge$(urc: URC, needsAck: boolean): Observable<Incoming> {
    const pduHex = (urc.text ?? '').trim();
    const ack = needsAck
      ? this.#deps.command$('AT+CNMA').pipe(
          ignoreElements(),
          catchError((error: unknown) => {
            log('AT+CNMA failed: %s', error instanceof Error ? error.message : error);
            return EMPTY;
          }),
        )
      : EMPTY;
    return merge(
      ack,
      defer(() => {
        try {
          return of({ pdu: decodePDU(pduHex) });
        } catch (error) {
          log('%s PDU cannot be decoded, dropped: %s (PDU %s)', urc.name, error instanceof Error ? error.message : error, pduHex);
          return EMPTY;
        }
      }),
    );
  }

  /** The slots holding `pdus`, whose message is about to be emitted: marked so, never emitted again. */
  #markEmitted(pdus: readonly SMSPDU[]): Array<{ readonly index: number; readonly pduHex: string }> {
    const emitted: Array<{ index: number; pduHex: string }> = [];
    for (const [index, slot] of this.#slots) {
      if (slot.kind === 'held' && pdus.includes(slot.pdu) && this.#apply(index, { type: 'emitted' }) === 'delete') {
        emitted.push({ index, pduHex: slot.pduHex });
      }
    }
    return emitted;
  }

  /** Deletes the slots of emitted messages (see `startDelete`). */
  #deleteEmitted(emitted: ReadonlyArray<{ readonly index: number; readonly pduHex: string }>): void {
    for (const { index, pduHex } of emitted) this.#startDelete(index, pduHex);
  }

  /**
   * Deletes an emitted message from the modem. Runs on its own, not as part of the receive
   * pipeline, so a subscriber leaving does not leave delivered messages behind. A failed deletion
   * leaves the slot `emitted`: the next listing deletes it again instead of emitting it.
   */
  #startDelete(index: number, pduHex: string): void {
    this.delete$(index).subscribe({
      complete: () => this.#apply(index, { type: 'deleted', pduHex }),
      error: (error: unknown) => {
        this.#apply(index, { type: 'delete-failed' });
        log('deleting stored message %d failed (deleted at the next listing): %s', index, error instanceof Error ? error.message : error);
      },
    });
  }

  /** The pipeline stopped: what it read and had not emitted is read again by the next one. */
  #letGoHeld(): void {
    for (const index of [...this.#slots.keys()]) this.#apply(index, { type: 'let-go' });
  }
}

function checkIndex(index: number): number {
  if (!Number.isInteger(index) || index < 0) {
    throw new InvalidArgumentError('index', `an SMS storage index must be a non-negative integer, got ${String(index)}`);
  }
  return index;
}

function timeOf(message: StoredSMS): number {
  return message.pdu?.type === 'deliver' ? message.pdu.timestamp.date.getTime() : Number.MAX_SAFE_INTEGER;
}
