import { ATEngine } from '../../lib/modem/at/at-engine';
import { GENERIC_3GPP } from '../../lib/modem/drivers/generic';
import { ModemIdentityReader } from '../../lib/modem/modem-identity-reader';
import { ModemNotReadyError } from '../../lib/modem/modem-not-ready-error';
import { UnexpectedModemResponseError } from '../../lib/modem/unexpected-modem-response-error';
import { HologramError, InvalidArgumentError } from '../../lib/errors';
import { duplexPair } from '../../lib/testing';

/**
 * A modem's faults are not the caller's: an answer the SDK cannot read, or a question asked before
 * init, are their own errors (the CLI exits 1 for them, 2 only for usage and input).
 */
describe('modem errors', () => {
  it('UnexpectedModemResponseError names the command and the lines as received', () => {
    const error = new UnexpectedModemResponseError('AT+CSQ', ['+CSQ: garbage']);
    expect(error).toBeInstanceOf(HologramError);
    expect(error).not.toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ name: 'UnexpectedModemResponseError', command: 'AT+CSQ', lines: ['+CSQ: garbage'] });
    expect(error.message).toBe('unexpected AT+CSQ response: +CSQ: garbage');
    expect(new UnexpectedModemResponseError('AT+CGSN', []).message).toBe('unexpected AT+CGSN response: (no lines)');
  });

  it('an identity read the modem answers without its value rejects with UnexpectedModemResponseError', async () => {
    const [host, device] = duplexPair();
    // The "modem": OK with no information line, whatever is asked.
    device.on('data', () => device.write('\r\nOK\r\n'));
    const engine = new ATEngine(host);
    try {
      const reader = new ModemIdentityReader({ engine, driver: GENERIC_3GPP, identity: {}, directDeliveryAck: false });
      const error = await reader.imei().then(
        () => undefined,
        (caught: unknown) => caught,
      );
      expect(error).toBeInstanceOf(UnexpectedModemResponseError);
      expect(error).toMatchObject({ command: 'AT+CGSN', lines: [] });
    } finally {
      engine.close();
    }
  });

  it('ModemNotReadyError says what was asked for and is not an input error', () => {
    const error = new ModemNotReadyError('its driver');
    expect(error).toBeInstanceOf(HologramError);
    expect(error).not.toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ name: 'ModemNotReadyError', wanted: 'its driver' });
    expect(error.message).toMatch(/not initialized yet: its driver/);
  });
});
