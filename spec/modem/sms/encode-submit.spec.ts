import { InvalidArgumentError } from '../../../lib/errors';
import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { encodeSubmit } from '../../../lib/modem/sms/encode-submit';
import { SMSAddressError } from '../../../lib/modem/sms/sms-address-error';
import { hex } from './pdu-fixtures';

describe('encodeSubmit: published PDUs', () => {
  it('GSM 7-bit, no validity period (python-gsmmodem)', () => {
    expect(encodeSubmit('+27820001111', 'Hello World!')).toEqual([
      {
        pdu: hex(
          '00', // SMSC: use the modem's default
          '01', // SMS-SUBMIT, no TP-VP
          '00', // TP-MR
          '0B', '91', '7228001011F1', // TP-DA +27820001111
          '00', '00', // TP-PID, TP-DCS
          '0C', // TP-UDL 12 septets
          'C8329BFD065DDF72363904', // "Hello World!"
        ),
        tpduLength: 24,
      },
    ]);
  });

  it('GSM 7-bit with a 5-minute relative validity (ModemManager GSM-3)', () => {
    const [part] = encodeSubmit('+15556661234', 'This is really cool ΔΔΔΔΔ', { validityMinutes: 5 });
    expect(part.pdu).toBe(
      hex(
        '00', // SMSC default
        '11', // SMS-SUBMIT, TP-VPF relative
        '00', // TP-MR
        '0B', '91', '5155661632F4', // TP-DA +15556661234
        '00', '00', // TP-PID, TP-DCS
        '00', // TP-VP 0 = 5 minutes
        '19', // TP-UDL 25 septets (the last one alone in its octet)
        '54747A0E4ACF41F27298CDCE83C6EF371B0481402010',
      ),
    );
    expect(part.tpduLength).toBe(part.pdu.length / 2 - 1);
  });

  it('without validity (ModemManager GSM-no-validity)', () => {
    expect(encodeSubmit('+15556661234', 'This is really cool ΔΔΔΔΔ')[0].pdu).toBe(
      '0001000B915155661632F40000195474' + '7A0E4ACF41F27298CDCE83C6EF371B0481402010',
    );
  });

  it('a longer GSM 7-bit text (ModemManager GSM-no-smsc)', () => {
    expect(encodeSubmit('+15555551234', 'Hi there...Tue 17th Jan 2012 05:30.18 pm (GMT+1) ΔΔΔΔΔ', { validityMinutes: 5 })[0].pdu).toBe(
      hex('00', '11', '00', '0B', '91', '5155551532F4', '00', '00', '00', '36',
        'C834888E2ECBCB2E978B5A2F8362373A1AA40CBB4132584C0682D57433982B8603C1DB20D4B1495DC552200804028100'),
    );
  });

  it('UCS2 when a character is outside GSM 7-bit (ModemManager UCS2-no-smsc)', () => {
    expect(encodeSubmit('+15555551234', 'Да здравствует король, детка!', { validityMinutes: 5 })[0].pdu).toBe(
      hex(
        '00', '11', '00', '0B', '91', '5155551532F4',
        '00', // TP-PID
        '08', // TP-DCS UCS2
        '00', // TP-VP 5 minutes
        '3A', // TP-UDL 58 octets
        '041404300020043704340440043004320441044204320443043504420020043A043E0440043E043B044C002C0020043404350442043A04300021',
      ),
    );
  });

  it('three concatenated parts with 1 fill bit after the header (python-gsmmodem)', () => {
    const text =
      'Lorem ipsum dolor sit amet, consectetur adipisicing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.Ut enim ad minim veniam, quinostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.Duis aute irure dolor in reprehenderit in voluptate velit esse cillum doloe eu fugiat nulla pariatur.Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum';
    const published = [
      '0045000B915121551532F40000A0050003000301986F79B90D4AC3E7F53688FC66BFE5A0799A0E0AB7CB741668FC76CFCB637A995E9783C2E4343C3D4F8FD3EE33A8CC4ED359A079990C22BF41E5747DDE7E9341F4721BFE9683D2EE719A9C26D7DD74509D0E6287C56F791954A683C86FF65B5E06B5C36777181466A7E3F5B0AB4A0795DDE936284C06B5D3EE741B642FBBD3E1360B14AFA7DD',
      '0045000B915121551532F40000A0050003000302DE73BABC4E0695F165F9384D0FD3D36F37A8CE6687DBE337881D16BFE5E939C89D9EA741753A28CC4EC7EB6938A88C0795C3A0F1BBDD7E93DFA0F1DB3D2FC7EB61BA8B584FCF41E13ABD0C4ACBEBF23288FC66BFE5A0B41B242FC3E56574D94D2ECBD37450DA0DB2BFD975383D4C2F83EC65769A0E2ACFE765D038CD66D7DB20F29BFD2E83CA',
      '0045000B915121551532F400008C050003000303EA2073FD9C0ED341EE3A9B1D06C1C3F274985E97BB8AF871194E2FD7E5A079DA4D07BDC7E370791CA683C675789A1CA687E920F7DB0D82CBDF6972D94D6781E675371D947683C675363C0C8AD7D3A0B7D99C1EA7C32072795E96D7DD7450FBCD66A7E9A0B03BDD06A5C9A0F29C0E6287C56F79BD0D',
    ];
    const parts = encodeSubmit('+15125551234', text, { rejectDuplicates: true, concatReference: 0 });
    // Published PDUs reuse TP-MR 0 for every part; ours count up so TP-RD cannot drop parts 2 and 3.
    const withReference = (pdu: string, reference: number): string => pdu.slice(0, 4) + reference.toString(16).padStart(2, '0').toUpperCase() + pdu.slice(6);
    expect(parts.map((part) => part.pdu)).toEqual(published.map((pdu, index) => withReference(pdu, index)));
  });
});

describe('encodeSubmit: options', () => {
  it('sets TP-SRR, TP-RD, message class and counts TP-MR up per part', () => {
    const parts = encodeSubmit('0612345678', 'x'.repeat(200), {
      statusReportRequest: true,
      rejectDuplicates: true,
      messageReference: 255,
      messageClass: 0,
      validityMinutes: 24 * 60,
      concatReference: 0x1234,
      concatReferenceBits: 16,
    });
    expect(parts).toHaveLength(2);
    const decoded = parts.map((part) => decodePDU(part.pdu));
    expect(decoded.map((pdu) => pdu.type === 'submit' && pdu.messageReference)).toEqual([255, 0]);
    expect(decoded[0]).toMatchObject({
      type: 'submit',
      destination: { type: 'unknown', number: '0612345678' },
      statusReportRequest: true,
      rejectDuplicates: true,
      validityPeriod: { format: 'relative', minutes: 1440 },
      dcs: { messageClass: 0, alphabet: 'gsm7' },
      concat: { reference: 0x1234, referenceBits: 16, total: 2, sequence: 1 },
    });
    // 16-bit references leave 152 septets per part.
    expect(decoded[0].type === 'submit' && decoded[0].text).toBe('x'.repeat(152));
  });

  it('writes a given SMSC and reports tpduLength without it', () => {
    const [part] = encodeSubmit('+15555551234', 'hi', { smsc: '+19037029920' });
    expect(part.pdu.startsWith('07919130079229F0')).toBe(true);
    expect(part.tpduLength).toBe(part.pdu.length / 2 - 8);
    expect(decodePDU(part.pdu)).toMatchObject({ smsc: { number: '+19037029920' }, text: 'hi' });
  });

  it('forces UCS2 on request, and refuses GSM 7-bit for text it cannot hold', () => {
    expect(decodePDU(encodeSubmit('+1555', 'plain', { encoding: 'ucs2' })[0].pdu)).toMatchObject({ dcs: { alphabet: 'ucs2' }, text: 'plain' });
    expect(() => encodeSubmit('+1555', 'snow ☃', { encoding: 'gsm7' })).toThrow(/"☃"/);
  });

  it('derives different concatenation references for different texts', () => {
    const reference = (text: string) => {
      const pdu = decodePDU(encodeSubmit('+15555551234', text)[0].pdu);
      return pdu.type === 'submit' ? pdu.concat?.reference : undefined;
    };
    const references = new Set(['a', 'b', 'c', 'd', 'e'].map((letter) => reference(letter.repeat(300))));
    expect(references.size).toBeGreaterThan(1);
  });
});

describe('encodeSubmit: bad input', () => {
  it.each(['', '+', '12ab', '+1 555 1234', 'Hologram', '+123456789012345678901', '++1555'])('rejects destination %j', (destination) => {
    let caught: unknown;
    try {
      encodeSubmit(destination, 'hello');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SMSAddressError);
    expect(caught).toBeInstanceOf(InvalidArgumentError);
    expect((caught as SMSAddressError).argument).toBe('destination');
    expect((caught as SMSAddressError).value).toBe(destination);
    expect((caught as Error).message).toContain(JSON.stringify(destination));
  });

  it('rejects a non-string destination', () => {
    expect(() => encodeSubmit(42 as unknown as string, 'x')).toThrow(SMSAddressError);
  });

  it('limits the number of parts', () => {
    expect(encodeSubmit('+1555', 'a'.repeat(153 * 255))).toHaveLength(255);
    expect(() => encodeSubmit('+1555', 'a'.repeat(153 * 255 + 1))).toThrow(/256 SMS parts, more than the limit of 255/);
    expect(() => encodeSubmit('+1555', 'a'.repeat(400), { maxParts: 2 })).toThrow(InvalidArgumentError);
  });

  it.each([
    [{ messageReference: 256 }, 'messageReference'],
    [{ messageReference: -1 }, 'messageReference'],
    [{ concatReference: 256 }, 'concatReference'],
    [{ concatReference: 1.5 }, 'concatReference'],
    [{ validityMinutes: 0 }, 'validityMinutes'],
    [{ validityMinutes: 64 * 7 * 24 * 60 }, 'validityMinutes'],
    [{ concatReferenceBits: 12 as 8 }, 'concatReferenceBits'],
  ])('rejects %j', (options, argument) => {
    expect(() => encodeSubmit('+1555', 'x', options)).toThrow(expect.objectContaining({ argument }));
  });
});
