import { Observable } from '../../rx';
import type { Duplex } from 'node:stream';
import { ModemDisconnectedError } from './at-errors';

/**
 * The two things the engine needs from a byte stream. Rules: `data$` emits received bytes in order
 * and completes when the stream closes (errors when it fails); subscribing to it starts reading and
 * unsubscribing stops it; `write` queues bytes and never throws (a failing stream reports through
 * `data$`). Splitting this from `Duplex` keeps the engine testable in virtual time.
 */
export interface ATPort {
  readonly data$: Observable<Uint8Array>;
  write(bytes: Uint8Array): void;
}

/** Adapts any Duplex (a SerialPort, one end of a pty pair, an in-process pair) to an `ATPort`. */
export function duplexATPort(stream: Duplex): ATPort {
  let failed: ((error: unknown) => void) | undefined;
  const data$ = new Observable<Uint8Array>((subscriber) => {
    if (stream.destroyed || stream.readableEnded) {
      subscriber.complete();
      return undefined;
    }
    const onData = (chunk: Buffer | string) => subscriber.next(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onError = (error: unknown) => subscriber.error(error);
    const onClose = () => subscriber.complete();
    failed = onError;
    stream.on('data', onData);
    stream.on('error', onError);
    stream.on('end', onClose);
    stream.on('close', onClose);
    stream.resume();
    return () => {
      failed = undefined;
      stream.off('data', onData);
      stream.off('error', onError);
      stream.off('end', onClose);
      stream.off('close', onClose);
      if (!stream.destroyed) stream.pause();
    };
  });
  return {
    data$,
    write(bytes) {
      if (stream.destroyed || stream.writableEnded) {
        failed?.(new ModemDisconnectedError('stream-closed'));
        return;
      }
      stream.write(bytes, (error) => {
        if (error) failed?.(error);
      });
    },
  };
}
