import { commonFixtures } from './common';
import { cme, error, ok, type AtFixture } from './fixture';

/**
 * u-blox SARA-U201 and SARA-R410M-02B: what their AT manuals (SARA-U2 UBX-13002752, SARA-R4
 * UBX-17003787) have them answer. Errors are plain `ERROR` until the host sets `AT+CMEE`.
 */
const UULOC_DATE_TIME = String.raw`\d\d/\d\d/\d{4},\d\d:\d\d:\d\d\.\d{3}`;

export const UBLOX_FIXTURES: readonly AtFixture[] = [
  ...commonFixtures({ refused: cme(3), badParameter: error, badSmsParameter: () => error, act: 2, meCapacity: 50, firstIndex: 1, charset: 'IRA' }).map(
    (fixture) => ({ ...fixture, models: ['SARA-U201'] }),
  ),
  {
    title: 'the R410 reports LTE (AcT 7) in +COPS and +CEREG',
    source: 'SARA-R4 AT manual, +COPS and +CEREG',
    models: ['SARA-R410M-02B'],
    steps: [
      ['AT+COPS=3,2;+COPS?', ok('+COPS: 0,2,"310260",7')],
      ['AT+CEREG=2;+CEREG?', ok('+CEREG: 2,1,"00C3","0010B2F3",7')],
    ],
  },
  {
    title: 'the ICCID comes from +CCID; +QCCID is Quectel only',
    source: 'SARA-U2/R4 AT manuals, +CCID',
    steps: [
      ['AT+CCID', ok('+CCID: 8944500102198304826F')],
      ['AT+QCCID', error],
    ],
    models: ['SARA-U201'],
  },
  {
    title: 'the =? forms of +CPAS, +CIND, +CLCK, +CPWD and +CPBS list what the SARA units offer',
    source: 'SARA-U2/R4 AT manuals, test command syntax of +CPAS, +CIND, +CLCK, +CPWD, +CPBS',
    steps: [
      ['AT+CPAS=?', ok('+CPAS: (0-5)')],
      [
        'AT+CIND=?',
        ok(
          '+CIND: ("battchg",(0-5)),("signal",(0-5)),("service",(0,1)),("sounder",(0,1)),("message",(0,1)),("call",(0,1)),' +
            '("roam",(0,1)),("smsfull",(0,1)),("gprs",(0-2)),("callsetup",(0-3)),("callheld",(0,1)),("simind",(0-2))',
        ),
      ],
      ['AT+CIND?', ok('+CIND: 5,3,1,0,0,0,0,0,1,0,0,1')],
      ['AT+CLCK=?', ok('+CLCK: ("SC","PS","FD","PN","PU","PP","PC","AO","OI","OX","AI","IR","AB","AG","AC")')],
      ['AT+CPWD=?', ok('+CPWD: ("SC",8),("P2",8),("AO",4),("OI",4),("OX",4),("AI",4),("IR",4),("AB",4),("AG",4),("AC",4)')],
      ['AT+CPBS=?', ok('+CPBS: ("SM","FD","LD","DC","RC","MC","ON","EN")')],
    ],
  },
  {
    title: 'flow control is AT&K on u-blox; AT&V shows the active and the stored profile',
    source: 'SARA-U2/R4 AT manuals, &K and &V',
    steps: [
      ['AT&K0', ok()],
      ['AT&V', /^\r\nACTIVE PROFILE:\r\n&C1, &D1, &K0, E0, Q0, V1, X4, S00:000, S02:043, .*\r\n\r\nSTORED PROFILE 0:\r\n&C1, &D1, &K3, E1,/],
    ],
  },
  {
    title: '+CBC: bus powered, <bcs>,<bcl> only',
    source: 'SARA-U2 AT manual, +CBC',
    steps: [['AT+CBC', ok('+CBC: 0,100')]],
  },
  {
    title: '+UUSBCONF? reads the USB profile; a new one waits for the next boot',
    source: 'SARA-U2 AT manual, +UUSBCONF (the Python SDK reads it as Nova_U201.modem_mode)',
    models: ['SARA-U201'],
    steps: [
      ['AT+UUSBCONF?', ok('+UUSBCONF: 0,"",,"0x1102"')],
      ['AT+UUSBCONF=2', ok()],
      ['AT+UUSBCONF?', ok('+UUSBCONF: 0,"",,"0x1102"')],
      ['AT+UUSBCONF=5', error],
    ],
  },
  {
    title: 'the R410 has no +UUSBCONF',
    source: 'SARA-R4 AT manual (not listed)',
    models: ['SARA-R410M-02B'],
    steps: [['AT+UUSBCONF?', error]],
  },
  {
    title: 'CellLocate: +ULOC answers OK, then +UULOC with the position once the data context is up',
    source: 'SARA-U2/R4 AT manuals, +ULOC (response type 0 standard, 1 detailed)',
    models: ['SARA-U201'],
    options: { position: { latitude: 52.5200066, longitude: 13.404954, altitude: 34, uncertainty: 800 }, locationDelayMs: 20 },
    steps: [
      ['AT+UPSD=0,1,"hologram"', ok()],
      ['AT+UPSDA=0,3', ok()],
      ['AT+ULOCCELL=0', ok()],
      ['AT+ULOC=2,2,0,10,10', ok()],
      { urc: new RegExp(String.raw`^\r\n\+UULOC: ${UULOC_DATE_TIME},52\.5200066,13\.4049540,34,800\r\n$`) },
      ['AT+ULOC=2,2,1,10,10', ok()],
      { urc: new RegExp(String.raw`^\r\n\+UULOC: ${UULOC_DATE_TIME},52\.5200066,13\.4049540,34,800,0,0,800,2,0,0,0\r\n$`) },
    ],
  },
  {
    title: 'CellLocate without a data context, or with no position to find, reports latitude and longitude 0',
    source: 'SARA-R4 AT manual, +ULOC: "If no position is available ... <lat> and <long> will be set to 0"',
    models: ['SARA-U201'],
    options: { locationDelayMs: 0 },
    steps: [
      ['AT+ULOC=2,2,0,10,10', ok()],
      { urc: new RegExp(String.raw`^\r\n\+UULOC: ${UULOC_DATE_TIME},0\.0000000,0\.0000000,0,0\r\n$`) },
      { act: (sim) => sim.setPosition(null) },
      ['AT+UPSD=0,1,"hologram";+UPSDA=0,3', ok()],
      ['AT+ULOC=2,2,0,10,10', ok()],
      { urc: new RegExp(String.raw`^\r\n\+UULOC: ${UULOC_DATE_TIME},0\.0000000,0\.0000000,0,0\r\n$`) },
    ],
  },
  {
    title: 'the R410 locates on its default LTE bearer',
    source: 'SARA-R4 AT manual, +ULOC lists SARA-R410M-02B',
    models: ['SARA-R410M-02B'],
    options: { locationDelayMs: 0 },
    steps: [
      ['AT+ULOC=2,2,0,10,10', ok()],
      { urc: new RegExp(String.raw`^\r\n\+UULOC: ${UULOC_DATE_TIME},41\.8781136,-87\.6297982,181,1200\r\n$`) },
    ],
  },
  {
    title: '+ULOC refuses what does not parse or is out of range (only single shot, mode 2)',
    source: 'SARA-U2/R4 AT manuals, +ULOC ranges: mode 2, sensor 0-3, timeout 1-999, accuracy 1-999999',
    models: ['SARA-U201'],
    steps: [
      ['AT+CMEE=1', ok()],
      ['AT+ULOC=1,2,0,10,10', cme(3)],
      ['AT+ULOC=2,2,0,0,10', cme(3)],
      ['AT+ULOC=2,x,0,10,10', cme(3)],
      ['AT+ULOCCELL=2', cme(3)],
      ['AT+QGPS=1', error],
    ],
  },
];
