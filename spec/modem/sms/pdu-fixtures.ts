/**
 * Published SMS PDUs with their decoded meaning, one field per line. Sources: the classic
 * "hellohello" example of the GSM 03.40 PDU-mode tutorials; the PDU parser tests of ModemManager
 * (src/tests/test-sms-part-3gpp.c) and of python-gsmmodem (test/test_pdu.py), which hold PDUs
 * captured from real networks and modems.
 */

/** Joins field-per-line fragments into one hex PDU. */
export function hex(...fields: string[]): string {
  return fields.join('').toUpperCase();
}

export interface DeliverFixture {
  readonly name: string;
  readonly pdu: string;
  readonly smsc?: string;
  readonly sender: { type: string; number?: string; text?: string };
  /** ISO 8601 in the sender's zone, as `formatTimestamp` prints it. */
  readonly timestamp: string;
  readonly offsetMinutes: number;
  readonly alphabet: 'gsm7' | '8bit' | 'ucs2';
  readonly text?: string;
  readonly data?: string;
  readonly concat?: { reference: number; referenceBits: 8 | 16; total: number; sequence: number };
  readonly protocolIdentifier?: number;
  readonly messageClass?: number;
}

export const DELIVER_FIXTURES: readonly DeliverFixture[] = [
  {
    name: 'hellohello (GSM 03.40 tutorial)',
    pdu: hex(
      '07', // SMSC field: 7 octets follow
      '91', //   type of address: international, ISDN
      '7283010010F5', //   +27381000015, odd digit count padded with F
      '04', // first octet: SMS-DELIVER, no more messages waiting
      '0B', // TP-OA length: 11 digits
      'C8', //   type of address: subscriber number, national plan
      '7238880900F1', //   27838890001
      '00', // TP-PID: plain SMS
      '00', // TP-DCS: GSM 7-bit, no class
      '99309251619580', // TP-SCTS: 99-03-29 15:16:59, zone 0x80 = +8 quarters
      '0A', // TP-UDL: 10 septets
      'E8329BFD4697D9EC37', // TP-UD: "hellohello" packed
    ),
    smsc: '+27381000015',
    sender: { type: 'subscriber', number: '27838890001' },
    timestamp: '1999-03-29T15:16:59+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    text: 'hellohello',
  },
  {
    name: 'extension characters and a negative time zone (ModemManager pdu1)',
    pdu: hex(
      '07', '91', '2104442961F4', // SMSC +12404492164
      '04', // SMS-DELIVER
      '0B', '91', '6171957291F8', // TP-OA +16175927198
      '00', // TP-PID
      '00', // TP-DCS: GSM 7-bit
      '1120821105050A', // TP-SCTS 11-02-28 11:50:50, zone 0x0A: sign bit + 20 quarters = -05:00
      '6A', // TP-UDL: 106 septets (escape pairs count 2)
      'C8B2BC7C9A83C220F6DB7D2ECB41EDF27C1E3E97411BDE06754FD3D1A0F9BB5D0695F1F4B29B5C2683C6E8B03C3CA697E5F34D6AE303D1D1F2F7DD0D4ABB59A0797D8C0685E7A00028EC26832A960B28EC2683BE6050780EBA97D96C17',
    ),
    smsc: '+12404492164',
    sender: { type: 'international', number: '+16175927198' },
    timestamp: '2011-02-28T11:50:50-05:00',
    offsetMinutes: -300,
    alphabet: 'gsm7',
    text: "Here's a longer message [{with some extended characters}] thrown in, such as £ and ΩΠΨ and §¿ as well.",
  },
  {
    name: 'alphanumeric sender with UCS2 text (ModemManager pdu2)',
    pdu: hex(
      '07', '91', '9730071111F1', // SMSC +79037011111
      '04', // SMS-DELIVER
      '14', // TP-OA length: 20 useful semi-octets (80 bits = 11 septets)
      'D0', //   type of address: alphanumeric (TON 101)
      '4937BD2C7797E9D3E614', //   "InternetSMS" as packed septets
      '00', // TP-PID
      '08', // TP-DCS: UCS2
      '11309291024061', // TP-SCTS 11-03-29 19:20:04, zone +16 quarters = +04:00
      '08', // TP-UDL: 8 octets
      '0442043504410442', // TP-UD: "тест" in UTF-16BE
    ),
    smsc: '+79037011111',
    sender: { type: 'alphanumeric', text: 'InternetSMS' },
    timestamp: '2011-03-29T19:20:04+04:00',
    offsetMinutes: 240,
    alphabet: 'ucs2',
    text: 'тест',
  },
  {
    name: 'short SMSC field (python-gsmmodem)',
    pdu: hex(
      '06', '91', '7228195339', // SMSC +2782913593 (even digit count, no padding)
      '04', // SMS-DELIVER
      '0B', '91', '7228214365F7', // TP-OA +27821234567
      '00', '00', // TP-PID, TP-DCS (GSM 7-bit)
      '31308051206180', // TP-SCTS 13-03-08 15:02:16 +02:00
      '05', // TP-UDL: 5 septets
      'D4F29C2E03', // "Test2"
    ),
    smsc: '+2782913593',
    sender: { type: 'international', number: '+27821234567' },
    timestamp: '2013-03-08T15:02:16+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    text: 'Test2',
  },
  {
    name: 'escape characters next to accented letters (python-gsmmodem)',
    pdu: hex(
      '06', '91', '7228195339', // SMSC +2782913593
      '04', // SMS-DELIVER
      '0B', '91', '7228214365F7', // TP-OA +27821234567
      '00', '00', // TP-PID, TP-DCS
      '31306231535280', // TP-SCTS 13-03-26 13:35:25 +02:00
      '0A', // TP-UDL: 10 septets: @ ESC( t é s t ESC) !
      '800D8A5E98D337A910',
    ),
    smsc: '+2782913593',
    sender: { type: 'international', number: '+27821234567' },
    timestamp: '2013-03-26T13:35:25+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    text: '@{tést}!',
  },
  {
    name: '8-bit data (ModemManager pdu3-8bit)',
    pdu: hex(
      '07', '91', '2143658709F1', // SMSC +12345678901
      '04', // SMS-DELIVER
      '0B', '91', '8100551512F2', // TP-OA +18005551212
      '00', // TP-PID
      '04', // TP-DCS: 8-bit data
      '11101021436500', // TP-SCTS 11-01-01 12:34:56 +00:00
      '0A', // TP-UDL: 10 octets
      'E8329BFD4697D9EC37DE', // TP-UD: raw octets
    ),
    smsc: '+12345678901',
    sender: { type: 'international', number: '+18005551212' },
    timestamp: '2011-01-01T12:34:56+00:00',
    offsetMinutes: 0,
    alphabet: '8bit',
    data: 'E8329BFD4697D9EC37DE',
  },
  {
    name: 'DCS group F, class 1, full 160 septets (ModemManager pdu-dcsf1)',
    pdu: hex(
      '07', '91', '3306091093F0', // SMSC +33609001390
      '04', // SMS-DELIVER
      '04', '85', '8100', // TP-OA: 4 digits, TON unknown, "1800"
      '00', // TP-PID
      'F1', // TP-DCS: group 1111, GSM 7-bit, class 1
      '11604231805180', // TP-SCTS 11-06-24 13:08:15 +02:00
      'A0', // TP-UDL: 160 septets
      '49B7F90D9A1AA5A01668F8769BD3E4B29B9E2EB359A03FC85D06A9C3ED707A0EA2CBC3EE79BB4CA7CBCBA05643617DA7C76990FD4D979741EE77DD5E0ED741ED371D442E83E0E1F9BC0CD281E677D9B84C06C1DF7539E85C9097E520FB9B2E2F83C6EF369C5E064D8D52D0BC2E07DDEF77D7DC2C7799E5A0771D040FCB41F402BB0047BFDD6550B80ECAD966',
    ),
    smsc: '+33609001390',
    sender: { type: 'unknown', number: '1800' },
    timestamp: '2011-06-24T13:08:15+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    messageClass: 1,
    text:
      'Info SFR - Confidentiel, à ne jamais transmettre -\r\n' +
      'Voici votre nouveau mot de passe : sw2ced pour gérer ' +
      'votre compte SFR sur www.sfr.fr ou par téléphone au 963',
  },
  {
    name: '16-bit concatenation reference (KPN welcome message, ModemManager pdu-udhi)',
    pdu: hex(
      '07', '91', '1356131313F6', // SMSC +31653131316
      '40', // SMS-DELIVER, TP-UDHI set, more messages waiting
      '04', '85', '0120', // TP-OA "1002"
      '39', // TP-PID 0x39
      '00', // TP-DCS: GSM 7-bit
      '11609232239180', // TP-SCTS 11-06-29 23:32:19 +02:00
      'A0', // TP-UDL: 160 septets including the header
      '06', // UDHL: 6 octets
      '08', '04', '0010', '02', '01', // IEI 0x08: reference 0x0010, 2 parts, part 1
      'D7327BFD6EB340E2321BF46E83EA7790F59D1E97DBE1341B442F83C465763D3DA797E56537C81D0ECB41AB59CC1693C16031D96C064241E5656838AF03A96230982A269BCD462917C8FA4E8FCBED709A0D7ABBE9F6B0FB5C7683D27350984D4FABC9A0B33C4C4FCF5D20EBFB2D079DCB62793DBD06D9C36E50FB2D4E97D9A0B49B5E96BBCB',
    ),
    smsc: '+31653131316',
    sender: { type: 'unknown', number: '1002' },
    timestamp: '2011-06-29T23:32:19+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    protocolIdentifier: 0x39,
    concat: { reference: 0x10, referenceBits: 16, total: 2, sequence: 1 },
    text:
      'Welkom, bel om uw Voicemail te beluisteren naar +31612001233' +
      ' (PrePay: *100*1233#). Voicemail ontvangen is altijd gratis.' +
      ' Voor gebruik van mobiel interne',
  },
  {
    name: 'multipart part 1 of 2, 8-bit reference (ModemManager pdu-multipart)',
    pdu: hex(
      '07', '91', '2160130320F5', // SMSC +12063130025
      '44', // SMS-DELIVER, TP-UDHI
      '0B', '91', '6171056429F5', // TP-OA +16175046925
      '00', '00', // TP-PID, TP-DCS
      '21405291650569', // TP-SCTS 12-04-25 19:56:50, zone 0x69: sign + 16 quarters = -04:00
      'A0', // TP-UDL: 160 septets
      '05', '00', '03', '4C', '02', '01', // UDH: IEI 0x00, reference 0x4C, 2 parts, part 1 (then 1 fill bit)
      'A9E8F41C949E83C2207B599E07B1DFEE33885E9ED341E4F23C7D7697C920FA1B54C697E5E3F4BC0C6AD7D9F434081E96D341E3303C2C4EB3D3F4BC0B94A483E6E8779D4D06CDD1EF3BA80E0785E7A0B7BB0C6A97E7F3F0B9CC02B9DF7450780EA2DFDF2C50780EA2A3CBA0BA9B5C96B3F369F71954768FDFE4B4FB0C9297E1F2F2BCECA6CF41',
    ),
    smsc: '+12063130025',
    sender: { type: 'international', number: '+16175046925' },
    timestamp: '2012-04-25T19:56:50-04:00',
    offsetMinutes: -240,
    alphabet: 'gsm7',
    concat: { reference: 0x4c, referenceBits: 8, total: 2, sequence: 1 },
    text:
      'This is a very long test designed to exercise multi part capability. It should ' +
      'show up as one message, not as two, as the underlying encoding represents ',
  },
  {
    name: 'multipart part 2 of 2 (ModemManager pdu-multipart)',
    pdu: hex(
      '07', '91', '2160130320F6', // SMSC +12063130026
      '44', // SMS-DELIVER, TP-UDHI
      '0B', '91', '6171056429F5', // TP-OA +16175046925
      '00', '00', // TP-PID, TP-DCS
      '21405291651569', // TP-SCTS 12-04-25 19:56:51 -04:00
      '32', // TP-UDL: 50 septets (7 for header + fill, 43 of text)
      '05', '00', '03', '4C', '02', '02', // UDH: reference 0x4C, part 2 of 2
      'E9E8301D44479741F0B09C3E0785E56590BCCC0ED3CB6410FD0D7ABBCBA0B0FB4D4797E52E10',
    ),
    smsc: '+12063130026',
    sender: { type: 'international', number: '+16175046925' },
    timestamp: '2012-04-25T19:56:51-04:00',
    offsetMinutes: -240,
    alphabet: 'gsm7',
    concat: { reference: 0x4c, referenceBits: 8, total: 2, sequence: 2 },
    text: 'that the parts are related to one another. ',
  },
  {
    name: 'concatenation header announcing a single part (python-gsmmodem)',
    pdu: hex(
      '05', '91', '721891F1', // SMSC +2781191
      '40', // SMS-DELIVER, TP-UDHI
      '07', '81', '721881F8', // TP-OA: 7 digits, unknown type, "2781188"
      '00', '00', // TP-PID, TP-DCS
      '31605261048480', // TP-SCTS 13-06-25 16:40:48 +02:00
      '59', // TP-UDL: 89 septets
      '05', '00', '03', 'C3', '01', '01', // UDH: reference 0xC3, 1 part, part 1
      '916536FB1DCABEEB2074D85E064941B19CAB060319A5C522289C96D3D3ED32286C0FA7D96131BBEC024941B19CAB0603DDD36C36A88C87A7E565D0DB0D82C55EB0DB4B068BCD5C20',
    ),
    smsc: '+2781191',
    sender: { type: 'unknown', number: '2781188' },
    timestamp: '2013-06-25T16:40:48+02:00',
    offsetMinutes: 120,
    alphabet: 'gsm7',
    concat: { reference: 0xc3, referenceBits: 8, total: 1, sequence: 1 },
    text: 'Hello!You have R 19.50 FREE airtime available. R 19.50 will expire on 01/07/2013. ',
  },
];
