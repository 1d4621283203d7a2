import { createServer, type Server, type Socket } from 'node:net';
import { asyncScheduler, Observable, Subject, type SchedulerLike } from '../rx';
import { InvalidArgumentError } from '../errors';
import { logger } from '../logging';
import { collectMessage } from './collect-message';
import type { InboundMessage } from './inbound-message';
import { InboundListenError } from './inbound-listen-error';
import { InboundMessageTooLargeError } from './inbound-message-too-large-error';

const log = logger('inbound');

export interface InboundListenerOptions {
  /** Address to bind (default `0.0.0.0`: every IPv4 interface, the cloud reaches the device's IP). */
  readonly host?: string;
  /** TCP port (default 4010); 0 picks a free one, read it back from `port`. */
  readonly port?: number;
  /** A connection that sends nothing for this long is complete (default 5000 ms). */
  readonly idleTimeoutMs?: number;
  /** Larger messages are refused (default 64 KiB; a cloud-to-device message is small). */
  readonly maxMessageBytes?: number;
  /** Concurrent connections; more are refused by the kernel's accept backlog (default 64). */
  readonly maxConnections?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Receives cloud-to-device messages on a TCP port: one message per connection, complete when the
 * peer closes or goes idle for `idleTimeoutMs`.
 *
 * Event-driven: connections and data arrive as Node socket events, so an idle listener costs no CPU
 * (the reference SDK's accept loop spun a core).
 *
 * Size policy: a connection that sends more than `maxMessageBytes` is closed at once and its bytes
 * are dropped; the drop is reported on `rejected$` as `InboundMessageTooLargeError`. A connection
 * reset by its peer before it closed also lands on `rejected$` (the sender gave up: no message).
 * Neither ends `receive$`.
 */
export class InboundListener {
  private readonly receiveSubject = new Subject<InboundMessage>();
  private readonly rejectedSubject = new Subject<Error>();
  /** Every message, in the order they were complete. Completes on `close()`. */
  readonly receive$ = this.receiveSubject.asObservable();
  /** Connections that yielded no message because of a problem (too large, reset). */
  readonly rejected$ = this.rejectedSubject.asObservable();
  /** Open connections, destroyed by `close()`. */
  private readonly sockets = new Set<Socket>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    readonly host: string,
    /** The bound port (the one picked by the system when 0 was asked). */
    readonly port: number,
    private readonly idleTimeoutMs: number,
    private readonly maxMessageBytes: number,
    private readonly scheduler: SchedulerLike,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Binds and resolves once listening; rejects with `InboundListenError` naming host and port. */
  static listen(options: InboundListenerOptions = {}): Promise<InboundListener> {
    const host = options.host ?? '0.0.0.0';
    const port = options.port ?? 4010;
    const idleTimeoutMs = options.idleTimeoutMs ?? 5000;
    const maxMessageBytes = options.maxMessageBytes ?? 64 * 1024;
    const maxConnections = options.maxConnections ?? 64;
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return Promise.reject(new InvalidArgumentError('port', `port must be an integer from 0 to 65535, got ${port}`));
    }
    for (const [name, value] of [['idleTimeoutMs', idleTimeoutMs], ['maxMessageBytes', maxMessageBytes], ['maxConnections', maxConnections]] as const) {
      if (!Number.isFinite(value) || value <= 0) {
        return Promise.reject(new InvalidArgumentError(name, `${name} must be a positive number, got ${value}`));
      }
    }
    const server = createServer({ allowHalfOpen: false });
    server.maxConnections = maxConnections;
    return new Promise((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException) => {
        server.close();
        reject(new InboundListenError(host, port, error.code, { cause: error }));
      };
      server.once('error', onError);
      server.listen({ host, port }, () => {
        server.removeListener('error', onError);
        server.on('error', (error) => log('listener error: %s', error.message));
        const address = server.address();
        const boundPort = typeof address === 'object' && address !== null ? address.port : port;
        log('listening on %s:%d', host, boundPort);
        resolve(new InboundListener(server, host, boundPort, idleTimeoutMs, maxMessageBytes, options.scheduler ?? asyncScheduler));
      });
    });
  }

  /** Destroys open connections (their partial messages are dropped), closes the port, completes the streams. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const socket of this.sockets) socket.destroy();
      this.server.close(() => {
        log('closed %s:%d', this.host, this.port);
        this.receiveSubject.complete();
        this.rejectedSubject.complete();
        resolve();
      });
    });
    return this.closing;
  }

  private accept(socket: Socket): void {
    if (this.closing !== undefined) {
      socket.destroy();
      return;
    }
    const remoteAddress = socket.remoteAddress ?? 'unknown';
    const remotePort = socket.remotePort ?? 0;
    this.sockets.add(socket);
    const chunks$ = new Observable<Buffer>((subscriber) => {
      socket.on('data', (chunk: Buffer) => subscriber.next(chunk));
      socket.once('end', () => subscriber.complete());
      socket.once('error', (error) => subscriber.error(error));
    });
    const subscription = chunks$
      .pipe(collectMessage({ idleTimeoutMs: this.idleTimeoutMs, maxMessageBytes: this.maxMessageBytes, scheduler: this.scheduler }))
      .subscribe({
        next: (data) => {
          log('message of %d bytes from %s:%d', data.length, remoteAddress, remotePort);
          this.receiveSubject.next({ data, text: data.toString('utf8'), remoteAddress, remotePort, receivedAt: this.scheduler.now() });
        },
        error: (error: Error) => {
          const reported =
            error instanceof InboundMessageTooLargeError
              ? new InboundMessageTooLargeError(error.maxMessageBytes, error.receivedBytes, remoteAddress, remotePort)
              : error;
          log('connection from %s:%d dropped: %s', remoteAddress, remotePort, reported.message);
          socket.destroy();
          this.rejectedSubject.next(reported);
        },
        complete: () => socket.destroy(),
      });
    socket.once('close', () => {
      this.sockets.delete(socket);
      subscription.unsubscribe();
    });
  }
}

/**
 * Cold form of the listener: listens on subscribe, emits each message, closes the port on
 * unsubscribe; errors with `InboundListenError` if the port cannot be bound.
 */
export function receiveMessages(options: InboundListenerOptions = {}): Observable<InboundMessage> {
  return new Observable<InboundMessage>((subscriber) => {
    let listener: InboundListener | undefined;
    let unsubscribed = false;
    InboundListener.listen(options).then(
      (started) => {
        listener = started;
        if (unsubscribed) void started.close();
        else started.receive$.subscribe(subscriber);
      },
      (error) => subscriber.error(error),
    );
    return () => {
      unsubscribed = true;
      void listener?.close();
    };
  });
}
