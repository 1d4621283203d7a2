import { HologramError } from '../../lib/errors';
import { ModemError } from '../../lib/errors';
import { ATCommandError, ATTimeoutError, ModemDisconnectedError } from '../../lib/modem/at/at-errors';
import { duplexATPort } from '../../lib/modem/at/at-port';
import { GSM7EncodingError, textToSeptets } from '../../lib/modem/sms/gsm7-alphabet';
import { SMSCodecError } from '../../lib/modem/sms/sms-codec-error';
import { encodeUserDataHeader } from '../../lib/modem/sms/user-data-header';
import { encodeTimestamp } from '../../lib/modem/sms/timestamp';
import { encodeSemiOctets } from '../../lib/modem/sms/address';
import { unpackSeptets } from '../../lib/modem/sms/septet-packing';
import { encodeUserData } from '../../lib/modem/sms/user-data';
import { UnexpectedModemResponseError } from '../../lib/modem/unexpected-modem-response-error';
import { duplexPair } from '../../lib/testing';

/** Every error the modem layer raises is a `ModemError`, so one catch covers the modem and nothing else. */
describe('the modem error family', () => {
  it('AT errors and unreadable answers are ModemErrors', () => {
    const errors = [
      new ATCommandError('AT', { line: 'ERROR', ok: false }),
      new ATTimeoutError('AT', 10),
      new ModemDisconnectedError('stream-closed'),
      new UnexpectedModemResponseError('AT+CGSN', ['12345']),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(ModemError);
      expect(error).toBeInstanceOf(HologramError);
    }
  });

  it('the SMS codec throws SMSCodecError (GSM7EncodingError keeps its name), never a bare RangeError', () => {
    const throwers: Array<() => unknown> = [
      () => textToSeptets('snow ☃'),
      () => encodeUserDataHeader([{ iei: 0x70, data: Buffer.alloc(300) }]),
      () => encodeTimestamp(new Date('nope')),
      () => encodeSemiOctets('12x'),
      () => unpackSeptets(Buffer.from('31', 'hex'), 3),
      () => encodeUserData({ alphabet: 'ucs2', octets: Buffer.alloc(200) }),
    ];
    for (const thrower of throwers) {
      const error = catchError(thrower);
      expect(error).toBeInstanceOf(SMSCodecError);
      expect(error).toBeInstanceOf(ModemError);
      expect(error).not.toBeInstanceOf(RangeError);
    }
    const gsm7 = catchError(() => textToSeptets('snow ☃'));
    expect(gsm7).toBeInstanceOf(GSM7EncodingError);
    expect(gsm7).toMatchObject({ name: 'GSM7EncodingError', character: '☃', index: 5, field: 'text' });
  });

  it('a write to a closed stream fails the AT port with ModemDisconnectedError', async () => {
    const [host] = duplexPair();
    const port = duplexATPort(host);
    const failed = new Promise<unknown>((resolve) => port.data$.subscribe({ error: resolve }));
    host.end();
    await new Promise((resolve) => setImmediate(resolve));
    port.write(Buffer.from('AT\r'));
    const error = await failed;
    expect(error).toBeInstanceOf(ModemDisconnectedError);
  });
});

function catchError(thrower: () => unknown): unknown {
  try {
    thrower();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
}
