import { asyncScheduler, Observable, type SchedulerLike } from '../../rx';
import { InvalidArgumentError } from '../../errors';
import type { ExchangeRequest, Transport } from '../../cloud/transport';
import type { ATEngine } from '../at/at-engine';
import { QuectelSocketExchange } from './quectel-socket-exchange';
import type { QuectelAccessMode } from './quectel-socket-dialect';
import { QuectelSocketIds } from './quectel-socket-ids';
import { validateHost } from './socket-arguments';
import { checkContextId } from '../../validation/context-id';
import { checkBoundedDuration } from '../../validation/duration';
import { checkPort } from '../../validation/port';
import type { ExchangePlan, SocketExchange } from './socket-exchange';
import type { SocketVendor } from './socket-vendor';
import { UbloxSocketExchange } from './ublox-socket-exchange';

export interface ModemSocketTransportOptions {
  /** Clock of the connect (Quectel) and reply timeouts; defaults to `asyncScheduler`. */
  readonly scheduler?: SchedulerLike;
  /** Default connect timeout when the request gives none (5000 ms, as `Transport` says). */
  readonly connectTimeoutMs?: number;
  /** Default reply timeout when the request gives none (5000 ms). */
  readonly replyTimeoutMs?: number;
  /** Quectel: the PDP context the sockets run on (default 1, the one `PDPContext` activates). */
  readonly contextId?: number;
  /** Quectel: reply bytes pushed in the URC (`'push'`, default: fewer commands) or read with `AT+QIRD`. */
  readonly accessMode?: QuectelAccessMode;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * `Transport` over the modem's own TCP stack (AT sockets), for a cellular network without PPP.
 * Needs only an `ATEngine` and the vendor; the PDP context must be up (see `PDPContext`).
 *
 * Keeps the `Transport` rules: cold, one modem socket per subscription, emits the whole reply once
 * the peer closed or `replyComplete` says it is whole, errors with a typed `ModemSocketError` (`stage`, `cmeError`, `timedOut`) when a
 * step fails or the reply timeout passes, and unsubscribing closes the modem's socket
 * (`AT+USOCL` / `AT+QICLOSE`) and clears every timer and listener. Every wait is for a URC or a
 * command's answer, bounded by a timeout: there are no fixed pauses. Bad requests throw
 * `InvalidArgumentError` at call time.
 */
export class ModemSocketTransport implements Transport {
  readonly #scheduler: SchedulerLike;
  readonly #connectTimeoutMs: number;
  readonly #replyTimeoutMs: number;
  readonly #contextId: number;
  readonly #accessMode: QuectelAccessMode;
  /** Quectel ids in use by this modem's exchanges. */
  readonly #quectelIds = new QuectelSocketIds();

  readonly #engine: ATEngine;

  constructor(
    engine: ATEngine,
    readonly vendor: SocketVendor,
    options: ModemSocketTransportOptions = {},
  ) {
    this.#engine = engine;
    if (vendor !== 'u-blox' && vendor !== 'quectel') {
      throw new InvalidArgumentError('vendor', `vendor must be "u-blox" or "quectel", got ${JSON.stringify(vendor)}`);
    }
    this.#scheduler = options.scheduler ?? asyncScheduler;
    this.#connectTimeoutMs = checkBoundedDuration('connectTimeoutMs', options.connectTimeoutMs ?? DEFAULT_TIMEOUT_MS, { positive: true });
    this.#replyTimeoutMs = checkBoundedDuration('replyTimeoutMs', options.replyTimeoutMs ?? DEFAULT_TIMEOUT_MS, { positive: true });
    this.#contextId = checkContextId('contextId', options.contextId ?? 1);
    this.#accessMode = options.accessMode ?? 'push';
    if (this.#accessMode !== 'push' && this.#accessMode !== 'buffer') {
      throw new InvalidArgumentError('accessMode', `accessMode must be "push" or "buffer", got ${JSON.stringify(options.accessMode)}`);
    }
  }

  exchange$(request: ExchangeRequest): Observable<Buffer> {
    const plan = this.#plan(request);
    return new Observable<Buffer>((subscriber) => {
      const exchange: SocketExchange =
        this.vendor === 'u-blox'
          ? new UbloxSocketExchange(this.#engine, plan, this.#scheduler, subscriber)
          : new QuectelSocketExchange(this.#engine, plan, this.#scheduler, subscriber, {
              contextId: this.#contextId,
              accessMode: this.#accessMode,
              ids: this.#quectelIds,
            });
      exchange.start();
      return () => exchange.dispose();
    });
  }

  #plan(request: ExchangeRequest): ExchangePlan {
    if (!Buffer.isBuffer(request?.payload) || request.payload.length === 0) {
      throw new InvalidArgumentError('payload', 'payload must be a non-empty Buffer');
    }
    return {
      host: validateHost(request.host),
      port: checkPort('port', request.port),
      payload: request.payload,
      connectTimeoutMs: checkBoundedDuration('connectTimeoutMs', request.connectTimeoutMs ?? this.#connectTimeoutMs, { positive: true }),
      replyTimeoutMs: checkBoundedDuration('replyTimeoutMs', request.replyTimeoutMs ?? this.#replyTimeoutMs, { positive: true }),
      replyComplete: request.replyComplete,
    };
  }
}
