import { TransportError } from '../../../lib/cloud/transport-error';
import { ATCommandError, ATTimeoutError, ModemDisconnectedError } from '../../../lib/modem/at/at-errors';
import { ModemSocketError } from '../../../lib/modem/sockets/modem-socket-error';

describe('ModemSocketError', () => {
  it('carries its typed facts as fields and is a TransportError (phase from the stage, kind from timedOut)', () => {
    const error = new ModemSocketError('u-blox socket 1: write failed', { vendor: 'u-blox', socketId: 1, stage: 'write', cmeError: 4, address: 'cloudsocket.hologram.io:9999' });
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ vendor: 'u-blox', socketId: 1, stage: 'write', cmeError: 4, kind: 'failed', phase: 'reply', code: 'CME4', address: 'cloudsocket.hologram.io:9999' });
    expect(error.timedOut).toBeUndefined();
    expect(error.disconnected).toBeUndefined();
    expect(new ModemSocketError('x', { vendor: 'quectel', stage: 'listen', timedOut: true })).toMatchObject({ kind: 'timeout', phase: 'connect', code: undefined, address: '' });
  });

  it('fromATError names vendor, socket and stage, and keeps the AT failure as cause and facts', () => {
    const details = { vendor: 'u-blox', socketId: 2, stage: 'connect', address: 'example.com:80' } as const;
    const command = new ATCommandError('AT+USOCO', { line: '+CME ERROR: 3', ok: false, cmeError: 3 });
    expect(ModemSocketError.fromATError(command, details)).toMatchObject({ message: 'u-blox socket 2: connect failed: +CME ERROR: 3', cmeError: 3, cause: command, ...details });
    expect(ModemSocketError.fromATError(command, { ...details, cmeError: 566 }).cmeError).toBe(566);

    const timeout = new ATTimeoutError('AT+USOCO', 1000);
    expect(ModemSocketError.fromATError(timeout, details)).toMatchObject({ message: 'u-blox socket 2: connect timed out after 1000 ms', timedOut: true, kind: 'timeout', cause: timeout });

    const lost = new ModemDisconnectedError('stream-closed', 'AT+USOCO');
    expect(ModemSocketError.fromATError(lost, { vendor: 'quectel', stage: 'read' })).toMatchObject({
      message: 'quectel socket: read failed: modem port unavailable (stream-closed)',
      disconnected: true,
      phase: 'reply',
      cause: lost,
    });

    const other = new Error('boom');
    const wrapped = ModemSocketError.fromATError(other, details);
    expect(wrapped).toMatchObject({ message: 'u-blox socket 2: connect failed: boom', cause: other });
    expect([wrapped.cmeError, wrapped.timedOut, wrapped.disconnected]).toEqual([undefined, undefined, undefined]);
    expect(ModemSocketError.fromATError('text', details).message).toBe('u-blox socket 2: connect failed: text');
  });

  it('fromATError passes a ModemSocketError through unchanged', () => {
    const error = new ModemSocketError('already typed', { vendor: 'u-blox', stage: 'close' });
    expect(ModemSocketError.fromATError(error, { vendor: 'u-blox', stage: 'write' })).toBe(error);
  });
});
