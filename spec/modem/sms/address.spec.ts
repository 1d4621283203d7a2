import {
  decodeAddressField,
  decodeSMSCField,
  encodeAddressField,
  encodeSMSCField,
  parseAddress,
} from '../../../lib/modem/sms/address';
import { PDUReader } from '../../../lib/modem/sms/pdu-reader';
import { SMSAddressError } from '../../../lib/modem/sms/sms-address-error';

const reader = (hexText: string) => PDUReader.fromHex(hexText);

describe('address fields', () => {
  // Published encodings: python-gsmmodem address tests, ModemManager address encoder tests,
  // Device::Gsm (Perl) encode_address tests.
  it.each([
    ['+9876543210', '0A918967452301'],
    ['+987654321', '099189674523F1'],
    ['+27829135934', '0B917228195339F4'],
    ['+19037029920', '0B919130079229F0'],
    ['9037029920', '0A810973209902'],
    ['3289287791', '0A812398827719'],
    ['+393289287791', '0C91932398827719'],
    ['347101010', '098143171010F0'],
  ])('%s ↔ %s', (address, encoded) => {
    expect(encodeAddressField(address).toString('hex').toUpperCase()).toBe(encoded);
    const decoded = decodeAddressField(reader(encoded + '000000'), 'TP-DA');
    expect(decoded.type === 'alphanumeric' ? decoded.text : decoded.number).toBe(address);
  });

  it.each([
    ['abc', '06D061F118'],
    ['FRANCOIS', '0ED04669D0397C26A7'],
    ['a[]{}€', '14D0E10D6FE3DBA036A94D19'],
  ])('alphanumeric %j ↔ %s', (text, encoded) => {
    expect(encodeAddressField({ type: 'alphanumeric', text }).toString('hex').toUpperCase()).toBe(encoded);
    const r = reader(encoded + 'D3F1FF0032');
    expect(decodeAddressField(r, 'TP-OA')).toEqual({ type: 'alphanumeric', text, typeOfAddress: 0xd0 });
    expect(r.offset).toBe(encoded.length / 2);
  });

  it('encodes national numbers with an explicit type', () => {
    // python-gsmmodem: local number 0129998765 as TON national (0xA1).
    expect(encodeAddressField({ type: 'national', number: '0129998765' }).toString('hex').toUpperCase()).toBe('0AA11092997856');
    expect(decodeAddressField(reader('0AA11092997856'), 'TP-OA')).toEqual({ type: 'national', number: '0129998765', typeOfAddress: 0xa1 });
  });

  it('SMSC fields count octets, not digits', () => {
    expect(encodeSMSCField('+9876543210').toString('hex').toUpperCase()).toBe('06918967452301');
    expect(encodeSMSCField('+19037029920').toString('hex').toUpperCase()).toBe('07919130079229F0');
    expect(encodeSMSCField('9037029920').toString('hex').toUpperCase()).toBe('06810973209902');
    expect(encodeSMSCField().toString('hex')).toBe('00');
    expect(decodeSMSCField(reader('069189674523F1000000'))).toMatchObject({ number: '+987654321' });
    expect(decodeSMSCField(reader('00'))).toBeUndefined();
  });

  it.each([
    ['', /digits/],
    ['+', /digits/],
    ['12-34', /digits/],
    ['1'.repeat(21), /1 to 20 digits/],
  ])('rejects %j naming it', (value, reason) => {
    expect(() => parseAddress(value, 'destination')).toThrow(SMSAddressError);
    expect(() => parseAddress(value, 'destination')).toThrow(reason);
  });

  it('rejects alphanumeric addresses that are too long or not GSM 7-bit', () => {
    expect(() => parseAddress({ type: 'alphanumeric', text: 'TwelveChars!' })).toThrow(/at most 11/);
    expect(() => parseAddress({ type: 'alphanumeric', text: '☃' })).toThrow(SMSAddressError);
    expect(() => parseAddress({ type: 'alphanumeric', text: '€€€€€€' })).toThrow(/at most 11/);
  });
});
