import { expect } from '@jest/globals';
import { commonFixtures } from './common';
import { cme, cms, error, ok, type AtFixture } from './fixture';

/**
 * Quectel BG96 and EC21: what their AT manuals (BG96 AT Commands Manual V2.3, EC2x AT Commands
 * Manual, the BG96 and EC2x GNSS AT manuals) have them answer. `AT+CMEE=1` after power-on, so
 * errors are numbered from the start.
 */
const QGPSLOC_TIME = String.raw`\d{6}\.\d{3}`;
const QGPSLOC_DATE = String.raw`\d{6}`;

export const QUECTEL_FIXTURES: readonly AtFixture[] = [
  // BG96 registers on LTE Cat-M1 (AcT 8), the EC21 on LTE (7); otherwise they answer alike.
  ...[['BG96', 8] as const, ['EC21', 7] as const].flatMap(([model, act]) =>
    commonFixtures({ refused: cme(50), badParameter: cme(50), badSmsParameter: cms, act, meCapacity: 255, firstIndex: 0, charset: 'GSM' }).map(
      (fixture) => ({ ...fixture, models: [model] }),
    ),
  ),
  ...[['BG96', '89445001021983048425'] as const, ['EC21', '89445001021983048433'] as const].map(([model, iccid]) => ({
    title: 'the ICCID comes from +QCCID; there is no +CCID',
    source: 'BG96/EC2x AT manuals, +QCCID (no +CCID listed)',
    models: [model],
    steps: [
      ['AT+QCCID', ok(`+QCCID: ${iccid}`)],
      ['AT+CCID', error],
    ] as const,
  })),
  {
    title: 'text mode under "GSM" reads bytes as default-alphabet codes ($ is 0x02, @ is 0x00)',
    source: '27.007 §5.5 ("GSM": 23.038 default alphabet); Quectel BG96/EC2x start in "GSM"',
    steps: [
      ['AT+CMGF=1', ok()],
      { prompt: 'AT+CMGS="+15555550100"', body: '5\x02 at home\x00\x1a', answer: ok('+CMGS: 0') },
      { act: (sim) => expect(sim.received.sms).toMatchObject([{ text: '5$ at home@' }]) },
    ],
  },
  {
    title: 'the =? forms of +CPAS, +CIND, +CLCK, +CPWD and +CPBS list what the BG96/EC21 offer',
    source: 'BG96 and EC25/EC21 AT manuals, test command syntax of +CPAS, +CIND, +CLCK, +CPWD, +CPBS',
    steps: [
      ['AT+CPAS=?', ok('+CPAS: (0,3,4)')],
      [
        'AT+CIND=?',
        ok('+CIND: ("battchg",(0-5)),("signal",(0-5)),("service",(0-1)),("call",(0-1)),("roam",(0-1)),("smsfull",(0-1)),("GPRS coverage",(0-1)),("callsetup",(0-3))'),
      ],
      ['AT+CIND?', ok('+CIND: 5,3,1,0,0,0,1,0')],
      ['AT+CLCK=?', ok('+CLCK: ("SC","AO","OI","OX","AI","IR","AB","AG","AC","FD","PN","PU","PP","PC")')],
      ['AT+CPWD=?', ok('+CPWD: ("SC",8),("P2",8),("AO",4),("OI",4),("OX",4),("AI",4),("IR",4),("AB",4),("AG",4),("AC",4)')],
      ['AT+CPBS=?', ok('+CPBS: ("SM","DC","FD","LD","MC","ME","ON","RC","EN")')],
    ],
  },
  {
    title: 'flow control is AT+IFC on Quectel: AT&K is an error',
    source: 'BG96/EC2x AT manuals (serial interface control: &C, &D, +IFC, +ICF, +IPR)',
    steps: [['AT&K3', error]],
  },
  {
    title: '+CBC adds the voltage in mV',
    source: 'BG96 AT manual, +CBC: <bcs>,<bcl>,<voltage>',
    steps: [['AT+CBC', ok('+CBC: 0,100,4200')]],
  },
  {
    title: 'no u-blox commands: +UUSBCONF and CellLocate answer ERROR',
    source: 'BG96/EC2x AT manuals (not listed)',
    steps: [
      ['AT+UUSBCONF?', error],
      ['AT+ULOC=2,2,0,10,10', error],
    ],
  },
  {
    title: 'GNSS: +QGPSLOC needs a session, has no fix at first, then reports the position',
    source: 'BG96/EC2x GNSS AT manuals: +QGPS, +QGPSLOC (505 session not active, 516 not fixed now, 504 session ongoing)',
    options: { locationDelayMs: 50 },
    steps: [
      ['AT+QGPSLOC=2', cme(505)],
      ['AT+QGPS=1', ok()],
      ['AT+QGPS?', ok('+QGPS: 1')],
      ['AT+QGPSLOC=2', cme(516)],
      { sleepMs: 80 },
      ['AT+QGPSLOC=2', new RegExp(String.raw`^\r\n\+QGPSLOC: ${QGPSLOC_TIME},41\.87811,-87\.62980,\d+\.\d,181\.0,3,000\.00,0\.0,0\.0,${QGPSLOC_DATE},08\r\n\r\nOK\r\n$`)],
      ['AT+QGPSLOC=0', new RegExp(String.raw`^\r\n\+QGPSLOC: ${QGPSLOC_TIME},4152\.6868N,08737\.7879W,`)],
      ['AT+QGPSLOC=1', new RegExp(String.raw`^\r\n\+QGPSLOC: ${QGPSLOC_TIME},4152\.686816,N,08737\.787892,W,`)],
      ['AT+QGPS=1', cme(504)],
      ['AT+QGPSLOC=3', cme(50)],
      ['AT+QGPSEND', ok()],
      ['AT+QGPSLOC=2', cme(505)],
      ['AT+QGPSEND', cme(505)],
    ],
  },
  {
    title: 'GNSS with no position to find keeps answering 516',
    source: 'BG96 GNSS AT manual, +QGPSLOC: +CME ERROR: 516 while not fixed',
    options: { position: null, locationDelayMs: 0 },
    steps: [
      ['AT+QGPS=1', ok()],
      { sleepMs: 10 },
      ['AT+QGPSLOC=2', cme(516)],
    ],
  },
];
