import { expect } from '@jest/globals';
import { cme, cms, DELIVER, error, ok, SUBMIT, UCS2_NUMBER, UCS2_TEXT, type AtFixture } from './fixture';

/**
 * Rows whose answers 3GPP 27.007/27.005 fix for every module, written once and given each vendor's
 * own values: its error reporting after power-on (u-blox `+CMEE=0`: plain `ERROR`; Quectel `+CMEE=1`:
 * numbered), access technology, memory sizes, first SMS index and character set.
 */
export interface VendorValues {
  /** An operation the module refuses, after `AT+CMEE=1`: `+CME ERROR: 3` on u-blox, 50 on Quectel. */
  readonly refused: string;
  /** What a bad parameter gets before the host sets `AT+CMEE`. */
  readonly badParameter: string;
  /** The same for an SMS command (27.005 `+CMS ERROR`). */
  readonly badSmsParameter: (code: number) => string;
  readonly act: number;
  readonly meCapacity: number;
  readonly firstIndex: number;
  readonly charset: string;
}

export function commonFixtures(v: VendorValues): AtFixture[] {
  const registered = `1,"00C3","0010B2F3",${v.act}`;
  return [
    {
      title: '+CPIN? says the SIM is ready; entering a PIN then is not allowed',
      source: '27.007 §8.3 (+CPIN: READY when no PIN is pending)',
      steps: [
        ['AT+CPIN?', ok('+CPIN: READY')],
        ['AT+CPIN="1234"', v.badParameter === error ? error : cme(3)],
      ],
    },
    {
      title: '+CSCA reads and sets the SMS centre; the type follows the number when left out',
      source: '27.005 §3.3.1',
      steps: [
        ['AT+CSCA?', ok('+CSCA: "+447785016005",145')],
        ['AT+CSCA="+15555550199"', ok()],
        ['AT+CSCA?', ok('+CSCA: "+15555550199",145')],
        ['AT+CSCA="5550199",129', ok()],
        ['AT+CSCA?', ok('+CSCA: "5550199",129')],
        ['AT+CSCA="12ab"', v.badSmsParameter(304)],
        ['AT+CSCA?', ok('+CSCA: "5550199",129')],
      ],
    },
    {
      title: 'a ;-chained line runs every command in order, with one OK',
      source: 'V.250 §5.2.1 (command line with several commands)',
      steps: [
        ['AT+CMEE=1;+CREG=2', ok()],
        ['AT+CMEE?', ok('+CMEE: 1')],
        ['AT+CREG?', ok(`+CREG: 2,${registered}`)],
        ['AT+CSQ;+CREG?', ok('+CSQ: 17,99', '', `+CREG: 2,${registered}`)],
      ],
    },
    {
      title: 'the first failing command of a chained line ends it; the rest do not run',
      source: 'V.250 §5.2.1 (an error ends the line, the rest is not executed)',
      steps: [
        ['AT+CMEE=1;+CREG=7;+CGREG=2', cme(50)],
        ['AT+CGREG?', ok('+CGREG: 0,1')],
        ['AT+CSQ;+NOSUCH;+CREG=2', '\r\n+CSQ: 17,99\r\n\r\nERROR\r\n'],
        ['AT+CREG?', ok('+CREG: 0,1')],
      ],
    },
    {
      title: '+CMEE with a value that does not parse is refused, never taken as 0',
      source: '27.007 §9.1 (<n> 0-2); V.250 §5.4 (a bad parameter is an error)',
      steps: [
        ['AT+CMEE=x', v.badParameter],
        ['AT+CMEE=1', ok()],
        ['AT+CMEE=x', cme(50)],
        ['AT+CMEE=3', cme(50)],
        ['AT+CMEE=', cme(50)],
        ['AT+CMEE?', ok('+CMEE: 1')],
      ],
    },
    {
      title: 'an optional parameter given as garbage is refused, not taken as its default',
      source: 'V.250 §5.4; 27.007 §8.2 (+CFUN <rst>), §10.1.10 (+CGACT <cid>); 27.005 §3.4.1 (+CNMI), §3.5.4 (+CMGD)',
      steps: [
        ['AT+CFUN=1,x', v.badParameter === error ? error : cme(50)],
        ['AT+CGACT=1,x', v.badParameter],
        ['AT+CFUN?', ok('+CFUN: 1')],
        ['AT+CNMI=2,x', v.badSmsParameter(303)],
        ['AT+CMGD=1,x', error],
      ],
    },
    {
      title: '+COPS=3,<format> sets how +COPS? names the operator: long, short, numeric',
      source: '27.007 §7.3',
      options: { operatorShortName: 'TMO' },
      steps: [
        ['AT+COPS?', ok(`+COPS: 0,0,"T-Mobile",${v.act}`)],
        ['AT+COPS=3,2', ok()],
        ['AT+COPS?', ok(`+COPS: 0,2,"310260",${v.act}`)],
        ['AT+COPS=3,1', ok()],
        ['AT+COPS?', ok(`+COPS: 0,1,"TMO",${v.act}`)],
        ['AT+COPS=3,0', ok()],
        ['AT+COPS?', ok(`+COPS: 0,0,"T-Mobile",${v.act}`)],
        ['AT+COPS=3,7', v.badParameter],
      ],
    },
    {
      title: '+CPMS reports three memory pairs; SM and ME are separate stores',
      source: '27.005 §3.2.2',
      steps: [
        ['AT+CPMS?', ok(`+CPMS: "ME",0,${v.meCapacity},"ME",0,${v.meCapacity},"ME",0,${v.meCapacity}`)],
        ['AT+CPMS=?', ok('+CPMS: ("SM","ME"),("SM","ME"),("SM","ME")')],
        ['AT+CPMS="SM","SM","SM"', ok('+CPMS: 0,30,0,30,0,30')],
        { act: (sim) => sim.injectSMS(DELIVER) },
        ['AT+CPMS="ME"', ok(`+CPMS: 0,${v.meCapacity},1,30,1,30`)],
        ['AT+CMGL=4', ok()],
        ['AT+CPMS="SM"', ok('+CPMS: 1,30,1,30,1,30')],
        ['AT+CMGL=4', ok(`+CMGL: ${v.firstIndex},0,,30`, DELIVER)],
        ['AT+CPMS="XX"', v.badSmsParameter(302)],
      ],
    },
    {
      title: 'text mode lists and reads stored messages with names, numbers and the SMSC time',
      source: '27.005 §3.4.2 and §4.1 (text mode +CMGL/+CMGR)',
      steps: [
        { act: (sim) => sim.injectSMS(DELIVER) },
        ['AT+CMGF=1', ok()],
        ['AT+CMGL="ALL"', ok(`+CMGL: ${v.firstIndex},"REC UNREAD","+31641600986",,"02/08/26,19:37:41+00"`, 'How are you?')],
        [`AT+CMGR=${v.firstIndex}`, ok('+CMGR: "REC READ","+31641600986",,"02/08/26,19:37:41+00"', 'How are you?')],
        ['AT+CMGL="REC UNREAD"', ok()],
        ['AT+CMGL=4', v.badSmsParameter(305)],
      ],
    },
    {
      title: 'text mode sends +CMGS="<number>", the text and Ctrl-Z, as one SMS-SUBMIT',
      source: '27.005 §3.5.1 (text mode)',
      steps: [
        ['AT+CMGF=1', ok()],
        { prompt: 'AT+CMGS="+15555550100"', body: 'hello world\x1a', answer: ok('+CMGS: 0') },
        { act: (sim) => expect(sim.received.sms).toMatchObject([{ format: 'text', destination: '+15555550100', text: 'hello world' }]) },
        ['AT+CMGS=23', v.badSmsParameter(305)],
        // UTF-8 (8-bit bytes) is not text in the TE character set: refused, not garbled.
        { prompt: 'AT+CMGS="+15555550100"', body: 'Gr\xc3\xbc\xc3\x9fe\x1a', answer: v.badSmsParameter(305) },
        { prompt: 'AT+CMGS="+15555550100"', body: `${'x'.repeat(161)}\x1a`, answer: v.badSmsParameter(305) },
      ],
    },
    {
      title: '+CSMP and +CSCS: a UCS2 text-mode message, number and text in hex',
      source: '27.005 §3.3.2 (+CSMP), 27.007 §5.5 (+CSCS); dcs 8 is UCS2 (23.038)',
      steps: [
        ['AT+CSMP?', ok('+CSMP: 17,167,0,0')],
        ['AT+CSMP=17,167,0,8', ok()],
        ['AT+CSMP?', ok('+CSMP: 17,167,0,8')],
        ['AT+CSMP=17,999', v.badSmsParameter(305)],
        ['AT+CSCS?', ok(`+CSCS: "${v.charset}"`)],
        ['AT+CSCS="KLINGON"', v.badParameter],
        ['AT+CSCS="UCS2"', ok()],
        ['AT+CMGF=1', ok()],
        { prompt: `AT+CMGS="${UCS2_NUMBER}"`, body: `${UCS2_TEXT}\x1a`, answer: ok('+CMGS: 0') },
        { act: (sim) => expect(sim.received.sms).toMatchObject([{ destination: '+15555550100', text: 'Grüße ✓' }]) },
      ],
    },
    {
      title: '+CTZU and +CTZR switch network time zone updates and their reports',
      source: '27.007 §8.40 (+CTZU), §8.41 (+CTZR)',
      steps: [
        ['AT+CTZU=1', ok()],
        ['AT+CTZU?', ok('+CTZU: 1')],
        ['AT+CTZR=1', ok()],
        ['AT+CTZR?', ok('+CTZR: 1')],
        ['AT+CTZR=5', v.badParameter],
      ],
    },
    {
      title: '+CSMS: phase 2 after power-on, phase 2+ on request',
      source: '27.005 §3.2.1',
      steps: [
        ['AT+CSMS?', ok('+CSMS: 0,1,1,1')],
        ['AT+CSMS=1', ok('+CSMS: 1,1,1')],
        ['AT+CSMS?', ok('+CSMS: 1,1,1,1')],
        ['AT+CSMS=2', v.badSmsParameter(303)],
      ],
    },
    {
      title: '+CLIP switches caller id on and off',
      source: '27.007 §7.6 (<m> 1: CLIP provisioned)',
      steps: [
        ['AT+CLIP?', ok('+CLIP: 0,1')],
        ['AT+CLIP=1', ok()],
        ['AT+CLIP?', ok('+CLIP: 1,1')],
        ['AT+CLIP=3', v.badParameter],
      ],
    },
    {
      title: '+CUSD sends a USSD request; the answer comes as a URC after OK',
      source: '27.007 §7.15 (+CUSD: 4 when the network does not support the operation)',
      options: { ussd: { '*100#': 'Balance 5.00 USD' } },
      steps: [
        ['AT+CUSD=1,"*100#",15', ok()],
        { urc: '\r\n+CUSD: 0,"Balance 5.00 USD",15\r\n' },
        ['AT+CUSD=1,"*999#",15', ok()],
        { urc: '\r\n+CUSD: 4\r\n' },
        ['AT+CUSD?', ok('+CUSD: 1')],
        ['AT+CUSD=1,"abc",15', v.badParameter],
      ],
    },
    {
      title: '+CPAS: ready (a packet data call is no call)',
      source: '27.007 §8.1',
      steps: [
        ['AT+CPAS', ok('+CPAS: 0')],
        ['AT+CPAS?', error],
      ],
    },
    {
      title: '+CCLK sets the module clock, which then runs on, in the zone given',
      source: '27.007 §8.15 ("yy/MM/dd,hh:mm:ss±zz", zone in quarter hours)',
      steps: [
        ['AT+CMEE=1', ok()],
        ['AT+CCLK="26/12/24,18:30:00+04"', ok()],
        ['AT+CCLK?', /^\r\n\+CCLK: "26\/12\/24,18:30:0\d\+04"\r\n\r\nOK\r\n$/],
        ['AT+CCLK="26/13/24,18:30:00+04"', v.refused],
        ['AT+CCLK=26/12/24', v.refused],
      ],
    },
    {
      title: '+CLCK queries, locks and unlocks the SIM PIN with the PIN; a wrong one is refused',
      source: '27.007 §7.4 (mode 2 query; +CME ERROR: 16 incorrect password)',
      steps: [
        ['AT+CMEE=1', ok()],
        ['AT+CLCK="SC",2', ok('+CLCK: 0')],
        ['AT+CLCK="SC",1,"0000"', cme(16)],
        ['AT+CLCK="SC",1,"1234"', ok()],
        ['AT+CLCK="SC",2', ok('+CLCK: 1')],
        ['AT+CLCK="SC",0,"1234"', ok()],
        ['AT+CLCK="XX",2', v.refused],
      ],
    },
    {
      title: '+CPWD changes the PIN when the old one is right; the new one fits the listed length',
      source: '27.007 §7.5',
      steps: [
        ['AT+CMEE=1', ok()],
        ['AT+CPWD="SC","0000","4321"', cme(16)],
        ['AT+CPWD="SC","1234","123456789"', cme(50)],
        ['AT+CPWD="SC","1234","4321"', ok()],
        ['AT+CLCK="SC",1,"4321"', ok()],
      ],
    },
    {
      title: '+CPBS/+CPBR/+CPBW: the SIM phone book is read, written and deleted by index',
      source: '27.007 §8.11, §8.12, §8.14 (129/145 type of number)',
      options: { phonebook: [{ number: '+15557654321', text: 'Field office' }] },
      steps: [
        ['AT+CPBS?', ok('+CPBS: "SM",1,250')],
        ['AT+CPBR=?', ok('+CPBR: (1-250),40,18')],
        ['AT+CPBR=1,3', ok('+CPBR: 1,"+15557654321",145,"Field office"')],
        ['AT+CPBW=3,"5550123",129,"Depot"', ok()],
        ['AT+CPBR=1,3', ok('+CPBR: 1,"+15557654321",145,"Field office"', '+CPBR: 3,"5550123",129,"Depot"')],
        ['AT+CPBW=1', ok()],
        ['AT+CPBR=1', ok()],
        ['AT+CMEE=1', ok()],
        ['AT+CPBR=251', cme(21)],
      ],
    },
    {
      title: '+CNUM lists the SIM own number when it has one ("ON" phone book)',
      source: '27.007 §7.1',
      options: { ownNumber: '+447937000001' },
      steps: [
        ['AT+CNUM', ok('+CNUM: "","+447937000001",145')],
        ['AT+CPBS="ON";+CPBR=1', ok('+CPBR: 1,"+447937000001",145,""')],
      ],
    },
    {
      title: '+CNUM with no own number on the SIM: just OK',
      source: '27.007 §7.1',
      steps: [['AT+CNUM', ok()]],
    },
    {
      title: '+CMGW stores an SMS-SUBMIT, +CMSS sends it and marks it sent',
      source: '27.005 §3.5.2, §3.5.3 (stat 2 stored unsent, 3 stored sent)',
      steps: [
        { prompt: 'AT+CMGW=23', body: `${SUBMIT}\x1a`, answer: ok(`+CMGW: ${v.firstIndex}`) },
        [`AT+CMGL=2`, ok(`+CMGL: ${v.firstIndex},2,,23`, SUBMIT)],
        [`AT+CMSS=${v.firstIndex}`, ok('+CMSS: 0')],
        { act: (sim) => expect(sim.received.sms).toMatchObject([{ pduHex: SUBMIT, format: 'pdu', messageReference: 0 }]) },
        [`AT+CMGL=3`, ok(`+CMGL: ${v.firstIndex},3,,23`, SUBMIT)],
        [`AT+CMSS=${v.firstIndex + 5}`, v.badSmsParameter(321)],
      ],
    },
    {
      title: '+CMGW in text mode stores the text as one SMS-SUBMIT',
      source: '27.005 §3.5.3 (text mode: =<da>)',
      steps: [
        ['AT+CMGF=1', ok()],
        { prompt: 'AT+CMGW="+15555550100"', body: 'stored text\x1a', answer: ok(`+CMGW: ${v.firstIndex}`) },
        [`AT+CMGR=${v.firstIndex}`, ok('+CMGR: "STO UNSENT","+15555550100",', 'stored text')],
      ],
    },
    {
      title: 'the PDU typed after "> " is echoed while echo is on',
      source: 'V.250 §6.2.4 (echo of what the host types); 27.005 §3.5.1 shows the PDU after the prompt',
      echo: true,
      steps: [{ prompt: 'AT+CMGS=23', body: `${SUBMIT}\x1a`, answer: `${SUBMIT}${ok('+CMGS: 0')}` }],
    },
  ];
}
