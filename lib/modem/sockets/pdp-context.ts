import { BehaviorSubject, defer, firstValueFrom, map, Observable, Subject, switchMap, type Subscription } from '../../rx';
import { concatMap, from, last, of, tap } from '../../rx-extra';
import { InvalidArgumentError } from '../../errors';
import { logger } from '../../logging';
import type { ATEngine } from '../at/at-engine';
import { PDP_COMMANDS, type PDPCommands, type PDPFlavour } from './pdp-dialect';
import { validateApn } from '../apn';
import { checkContextId } from '../../validation/context-id';

const log = logger('modem-sockets');

/** What the SDK knows of the data context: inactive, or active with its address. */
export type PDPContextState =
  | { readonly active: false }
  | { readonly active: true; readonly apn: string | undefined; readonly ip: string | undefined };

/** The network tore the context down (the URC that said so). */
export interface PDPContextLost {
  readonly flavour: PDPFlavour;
  readonly contextId: number;
  readonly urc: string;
}

export interface PDPContextOptions {
  /** 27.007 cid / Quectel contextID (default 1). The u-blox internal profile is always 0. */
  readonly contextId?: number;
}

/**
 * The modem's packet data context, for AT sockets. Activated once and reused by every message:
 * `activate$()` costs no command while the context is known active for that APN. The network may
 * tear it down at any time; the URC that says so (`+UUPSDD: 0`, `+CGEV: NW PDN DEACT`,
 * `+QIURC: "pdpdeact"`) marks it inactive and emits on `lost$`, so the cellular network can report
 * itself disconnected. Operations are cold Observables with Promise twins; `close()` stops listening.
 */
export class PDPContext {
  readonly contextId: number;
  readonly #commands: PDPCommands;
  readonly #stateSubject = new BehaviorSubject<PDPContextState>({ active: false });
  readonly #lostSubject = new Subject<PDPContextLost>();
  readonly #urcSubscription: Subscription;

  /** Current state; replays the latest. */
  readonly state$: Observable<PDPContextState> = this.#stateSubject.asObservable();
  /** Emits each time the network tears the context down. */
  readonly lost$: Observable<PDPContextLost> = this.#lostSubject.asObservable();

  readonly #engine: ATEngine;

  constructor(
    engine: ATEngine,
    readonly flavour: PDPFlavour,
    options: PDPContextOptions = {},
  ) {
    this.#engine = engine;
    const commands = PDP_COMMANDS[flavour];
    if (!commands) {
      throw new InvalidArgumentError('flavour', `flavour must be one of ${Object.keys(PDP_COMMANDS).join(', ')}, got ${JSON.stringify(flavour)}`);
    }
    this.#commands = commands;
    this.contextId = checkContextId('contextId', options.contextId ?? 1);
    this.#urcSubscription = engine.urc$.subscribe((urc) => {
      if (!this.#commands.isLost(urc, this.contextId)) return;
      log('PDP context %d lost: %s', this.contextId, urc.line);
      this.#stateSubject.next({ active: false });
      this.#lostSubject.next({ flavour, contextId: this.contextId, urc: urc.line });
    });
  }

  /** The latest known state, synchronously. */
  get state(): PDPContextState {
    return this.#stateSubject.value;
  }

  /** The address of the active context, or undefined. */
  get ip(): string | undefined {
    const state = this.#stateSubject.value;
    return state.active ? state.ip : undefined;
  }

  /**
   * Brings the context up for `apn` and emits its address (undefined if the modem does not tell).
   * Known active for this APN: emits at once, no command. Otherwise asks the modem first and reuses
   * a context that is already up (an LTE bearer usually is); else configures and activates it.
   */
  activate$(apn: string): Observable<string | undefined> {
    validateApn(apn);
    return defer(() => {
      const state = this.#stateSubject.value;
      if (state.active && (state.apn === apn || state.apn === undefined)) return of(state.ip);
      return this.isActive$().pipe(
        switchMap((active) => (active ? of(undefined) : this.#runAll$(this.#commands.activate(apn, this.contextId)))),
        switchMap(() => this.#readAddress$()),
        tap((ip) => this.#stateSubject.next({ active: true, apn, ip })),
      );
    });
  }

  /** Tears the context down (closes the modem's sockets on it). */
  deactivate$(): Observable<void> {
    return defer(() => this.#engine.command$(this.#commands.deactivate(this.contextId))).pipe(
      tap(() => this.#stateSubject.next({ active: false })),
      map(() => undefined),
    );
  }

  /** Asks the modem whether the context is active, and updates `state$` when it is not. */
  isActive$(): Observable<boolean> {
    return defer(() => this.#engine.command$(this.#commands.status(this.contextId))).pipe(
      map((response) => this.#commands.parseActive(response, this.contextId)),
      tap((active) => {
        if (!active && this.#stateSubject.value.active) this.#stateSubject.next({ active: false });
      }),
    );
  }

  /** Promise form of `activate$()`. */
  activate(apn: string): Promise<string | undefined> {
    return firstValueFrom(this.activate$(apn));
  }

  /** Promise form of `deactivate$()`. */
  deactivate(): Promise<void> {
    return firstValueFrom(this.deactivate$());
  }

  /** Promise form of `isActive$()`. */
  isActive(): Promise<boolean> {
    return firstValueFrom(this.isActive$());
  }

  /**
   * Stops listening for loss URCs and completes `state$` and `lost$`; resolves once done (again
   * for a second call). The context itself stays as it is: `deactivate$()` first to take it down.
   */
  close(): Promise<void> {
    this.#urcSubscription.unsubscribe();
    this.#stateSubject.complete();
    this.#lostSubject.complete();
    return Promise.resolve();
  }

  #runAll$(commands: string[]): Observable<unknown> {
    return from(commands).pipe(
      concatMap((command) => this.#engine.command$(command)),
      last(),
    );
  }

  #readAddress$(): Observable<string | undefined> {
    const command = this.#commands.address(this.contextId) ?? this.#commands.status(this.contextId);
    return this.#engine.command$(command).pipe(map((response) => this.#commands.parseAddress(response, this.contextId)));
  }
}
