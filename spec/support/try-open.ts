import { connect, type Socket } from 'node:net';

/** Connects; resolves with the socket once connected, or with the error code (refused, reset...). */
export function tryOpen(port: number): Promise<Socket | string> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const onError = (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error');
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.removeListener('error', onError);
      socket.on('error', () => undefined); // a reset by the listener is expected
      resolve(socket);
    });
  });
}
