import { autoDetect } from '@serialport/bindings-cpp';
import type { SerialBinding, SerialOpenOptions } from './serial-binding';

/** The part of `@serialport/bindings-cpp`'s Unix port this file relies on: its poller, an EventEmitter. */
interface PolledPort {
  readonly poller?: { on?(event: string, listener: () => void): unknown };
}

const POLLER_EVENTS = ['readable', 'writable', 'disconnect'] as const;

function turnTheLoop(): void {
  setImmediate(noop);
}

function noop(): void {}

/**
 * The platform's serial binding, with one repair. From Node 26.4 on, the poller of
 * `@serialport/bindings-cpp` 13 calls into JavaScript outside a callback scope, so the Promise its
 * read (or write) awaits after `EAGAIN` resolves while its continuation waits for the next,
 * unrelated, turn of the event loop: on a quiet device, a modem's answer arrived 8-30 s late
 * (serialport/bindings-cpp#239 fixes it upstream with `MakeCallback`). One `setImmediate` per
 * poller event makes the loop turn at once, which runs that continuation; on earlier Node
 * versions it costs one empty callback per event.
 */
export function platformSerialBinding(): SerialBinding {
  // Structurally a SerialBinding (see serial-binding.ts); its own option types are narrower unions.
  const binding = autoDetect() as unknown as SerialBinding;
  return {
    list: () => binding.list(),
    open: async (options: SerialOpenOptions) => {
      const port = await binding.open(options);
      const poller = (port as PolledPort).poller;
      if (typeof poller?.on === 'function') for (const event of POLLER_EVENTS) poller.on(event, turnTheLoop);
      return port;
    },
  };
}
