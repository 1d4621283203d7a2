import type { ReceiveOptions, Receiving } from './receive-options';

/** A listener the receiver started: where it listens, with which options, and how to stop it. */
export interface ActiveListener {
  readonly receiving: Receiving;
  readonly options: ReceiveOptions;
  stop(): Promise<void>;
}

/**
 * Where the facade's receiver is: `idle` (not receiving), `starting` (a listener is being bound
 * with `options`; `started` settles once it is), `receiving`, or `closed` for good.
 */
export type ReceiverState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'starting'; readonly options: ReceiveOptions; readonly started: Promise<Receiving> }
  | { readonly kind: 'receiving'; readonly listener: ActiveListener }
  | { readonly kind: 'closed' };

/** What happens to a receiver. */
export type ReceiverEvent =
  | { readonly type: 'start'; readonly options: ReceiveOptions; readonly started: Promise<Receiving> }
  | { readonly type: 'started'; readonly listener: ActiveListener }
  | { readonly type: 'start-failed' }
  | { readonly type: 'stop' }
  /** The listener stopped by itself (the modem refused to listen): only that listener's state ends. */
  | { readonly type: 'ended'; readonly receiving: Receiving }
  | { readonly type: 'close' };

/**
 * Every change of the receiver's state, in one place. An event that does not apply to the state
 * leaves it as it is (a listener `started` after `close()` finds `closed`, and its caller stops it).
 */
export function receiverTransition(state: ReceiverState, event: ReceiverEvent): ReceiverState {
  if (state.kind === 'closed') return state;
  switch (event.type) {
    case 'close':
      return { kind: 'closed' };
    case 'start':
      return state.kind === 'idle' ? { kind: 'starting', options: event.options, started: event.started } : state;
    case 'started':
      return state.kind === 'starting' ? { kind: 'receiving', listener: event.listener } : state;
    case 'start-failed':
      return state.kind === 'starting' ? { kind: 'idle' } : state;
    case 'stop':
      return state.kind === 'receiving' ? { kind: 'idle' } : state;
    case 'ended':
      return state.kind === 'receiving' && state.listener.receiving === event.receiving ? { kind: 'idle' } : state;
  }
}

/** Whether two receive options ask for the same listener (defaults filled in). */
export function sameReceiveOptions(a: ReceiveOptions, b: ReceiveOptions): boolean {
  return (
    a.host === b.host &&
    (a.port ?? 4010) === (b.port ?? 4010) &&
    a.idleTimeoutMs === b.idleTimeoutMs &&
    a.maxMessageBytes === b.maxMessageBytes &&
    a.firstByteTimeoutMs === b.firstByteTimeoutMs &&
    a.maxConnections === b.maxConnections
  );
}
