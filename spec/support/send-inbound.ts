import { connect } from 'node:net';

/** Sends `payload` over a real TCP connection and closes it, as the cloud does for an inbound message. */
export function sendInbound(port: number, payload: string | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(payload));
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
}
