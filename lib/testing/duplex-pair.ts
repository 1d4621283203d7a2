import { Duplex } from 'node:stream';

/**
 * Two in-process `Duplex` streams wired back to back: bytes written to one are read from the
 * other, and ending one ends the other's readable side. A stand-in for a serial line or a socket
 * pair when a test needs a byte stream without any file descriptor (Node 20 has no
 * `stream.duplexPair`).
 */
export function duplexPair(): [Duplex, Duplex] {
  let left: Duplex | undefined;
  let right: Duplex | undefined;
  const end = (
    peer: () => Duplex | undefined,
  ): ConstructorParameters<typeof Duplex>[0] => ({
    read() {
      // Data is pushed by the peer's write(); nothing to pull.
    },
    write(chunk: Buffer, _encoding, callback) {
      const other = peer();
      if (other && !other.destroyed) other.push(chunk);
      callback();
    },
    final(callback) {
      peer()?.push(null);
      callback();
    },
    destroy(error, callback) {
      // A destroyed end looks to its peer like a hung-up line: end of input.
      const other = peer();
      if (other && !other.destroyed && !other.readableEnded) other.push(null);
      callback(error);
    },
  });
  left = new Duplex(end(() => right));
  right = new Duplex(end(() => left));
  return [left, right];
}
