import type { ATParserEvent, PendingCommand } from '../../../lib/modem/at/at-parser';

/**
 * Transcripts of real modem behaviour, following the vendors' AT manuals (u-blox SARA-U2/R4,
 * Quectel BG96, Huawei E3xx) and 27.007/27.005. Each step writes a command (tells the parser it is
 * pending) and then receives bytes; `expected` lists the events as compact strings (see `describeEvent`).
 */
export interface ParserFixture {
  readonly name: string;
  readonly steps: ReadonlyArray<{ readonly pending?: PendingCommand; readonly receive: string | Buffer }>;
  readonly expected: readonly string[];
}

/** `echo:AT`, `line:+CSQ: 15,99`, `final:OK`, `final:ERR:+CME ERROR: 14(cme 14)`, `prompt:>`, `urc:+CMTI ["SM","3"]`. */
export function describeEvent(event: ATParserEvent): string {
  switch (event.type) {
    case 'echo':
      return `echo:${event.line}`;
    case 'line':
      return event.data ? `line:${event.line}|data=${event.data.toString('hex')}` : `line:${event.line}`;
    case 'final': {
      const r = event.result;
      if (r.ok) return `final:${r.line}`;
      const code = r.cmeError !== undefined ? `(cme ${r.cmeError})` : r.cmsError !== undefined ? `(cms ${r.cmsError})` : '';
      return `final:ERR:${r.line}${code}`;
    }
    case 'prompt':
      return `prompt:${event.prompt}`;
    case 'urc': {
      const u = event.urc;
      let text = `urc:${u.name} ${JSON.stringify(u.args)}`;
      if (u.text !== undefined) text += `|text=${u.text}`;
      if (u.data !== undefined) text += `|data=${u.data.toString('hex')}`;
      return text;
    }
    case 'discarded':
      return `discarded:${event.length}`;
  }
}

export const PARSER_FIXTURES: readonly ParserFixture[] = [
  {
    name: 'plain OK with echo off',
    steps: [{ pending: { command: 'AT' }, receive: '\r\nOK\r\n' }],
    expected: ['final:OK'],
  },
  {
    name: 'echo on (after power-up): the echo ends with a lone CR',
    steps: [{ pending: { command: 'AT+CSQ' }, receive: 'AT+CSQ\r\r\n+CSQ: 17,99\r\n\r\nOK\r\n' }],
    expected: ['echo:AT+CSQ', 'line:+CSQ: 17,99', 'final:OK'],
  },
  {
    name: 'u-blox SARA-U201: +CREG read answers a response, not a URC',
    steps: [{ pending: { command: 'AT+CREG?' }, receive: '\r\n+CREG: 2,5,"0A2B","0001C3D4",2\r\n\r\nOK\r\n' }],
    expected: ['line:+CREG: 2,5,"0A2B","0001C3D4",2', 'final:OK'],
  },
  {
    name: 'u-blox SARA-U201: +CREG URC inside the +CREG read is still a URC (URC shape)',
    steps: [
      {
        pending: { command: 'AT+CREG?' },
        receive: '\r\n+CREG: 5,"0A2B","0001C3D4",2\r\n\r\n+CREG: 2,5,"0A2B","0001C3D4",2\r\n\r\nOK\r\n',
      },
    ],
    expected: ['urc:+CREG ["5","0A2B","0001C3D4","2"]', 'line:+CREG: 2,5,"0A2B","0001C3D4",2', 'final:OK'],
  },
  {
    name: 'u-blox SARA: +CREG during an unrelated command and during its own set form is a URC',
    steps: [
      { pending: { command: 'AT+CGSN' }, receive: '\r\n+CREG: 1\r\n\r\n352753090041680\r\n\r\nOK\r\n' },
      { pending: { command: 'AT+CREG=2' }, receive: '\r\n+CREG: 2,1\r\n\r\nOK\r\n' },
    ],
    expected: ['urc:+CREG ["1"]', 'line:352753090041680', 'final:OK', 'urc:+CREG ["2","1"]', 'final:OK'],
  },
  {
    name: 'u-blox SARA: +UUSORD socket data URC arrives between a command response and its OK',
    steps: [{ pending: { command: 'AT+USOCR=6' }, receive: '\r\n+USOCR: 0\r\n\r\n+UUSORD: 0,12\r\n\r\nOK\r\n' }],
    expected: ['line:+USOCR: 0', 'urc:+UUSORD ["0","12"]', 'final:OK'],
  },
  {
    name: 'u-blox SARA: +USORD read with hex payload, then the peer closes (+UUSOCL)',
    steps: [
      { pending: { command: 'AT+USORD=0,5' }, receive: '\r\n+USORD: 0,5,"5B302C305D"\r\n\r\nOK\r\n\r\n+UUSOCL: 0\r\n' },
    ],
    expected: ['line:+USORD: 0,5,"5B302C305D"', 'final:OK', 'urc:+UUSOCL ["0"]'],
  },
  {
    name: 'u-blox SARA: binary socket write prompts with @',
    steps: [
      { pending: { command: 'AT+USOWR=0,4', expectsPrompt: true }, receive: '\r\n@' },
      { receive: '\r\n+USOWR: 0,4\r\n\r\nOK\r\n' },
    ],
    expected: ['prompt:@', 'line:+USOWR: 0,4', 'final:OK'],
  },
  {
    name: 'u-blox SARA: +CME ERROR verbose text maps to its number; +UUPSDD URC',
    steps: [
      { pending: { command: 'AT+CPIN?' }, receive: '\r\n+CME ERROR: SIM busy\r\n' },
      { receive: '\r\n+UUPSDD: 0\r\n' },
      { pending: { command: 'AT+UPSDA=0,3' }, receive: '\r\n+CME ERROR: 515\r\n' },
    ],
    expected: ['final:ERR:+CME ERROR: SIM busy(cme 14)', 'urc:+UUPSDD ["0"]', 'final:ERR:+CME ERROR: 515(cme 515)'],
  },
  {
    name: 'u-blox SARA: +UUSOLI listen accepted and +UULOC location',
    steps: [
      {
        receive:
          '\r\n+UUSOLI: 1,"93.184.216.34",52012,0,"10.170.5.2",4010\r\n' +
          '\r\n+UULOC: 27/09/2012,18:26:13.363,45.6334500,13.0618566,0,1\r\n',
      },
    ],
    expected: [
      'urc:+UUSOLI ["1","93.184.216.34","52012","0","10.170.5.2","4010"]',
      'urc:+UULOC ["27/09/2012","18:26:13.363","45.6334500","13.0618566","0","1"]',
    ],
  },
  {
    name: 'SMS send in PDU mode: > prompt, echoed body, +CMGS reference',
    steps: [
      { pending: { command: 'AT+CMGS=18', expectsPrompt: true, body: '0001000B915155550100F000000461F1985C' }, receive: 'AT+CMGS=18\r\r\n> ' },
      { receive: '0001000B915155550100F000000461F1985C\x1a\r\n+CMGS: 7\r\n\r\nOK\r\n' },
    ],
    expected: ['echo:AT+CMGS=18', 'prompt:>', 'echo:0001000B915155550100F000000461F1985C', 'line:+CMGS: 7', 'final:OK'],
  },
  {
    name: 'SMS send refused before the prompt: +CMS ERROR',
    steps: [{ pending: { command: 'AT+CMGS=18', expectsPrompt: true }, receive: '\r\n+CMS ERROR: 304\r\n' }],
    expected: ['final:ERR:+CMS ERROR: 304(cms 304)'],
  },
  {
    name: 'incoming SMS: +CMTI stored, +CMT delivered directly (two lines), +CDS status report (two lines)',
    steps: [
      {
        receive:
          '\r\n+CMTI: "ME",3\r\n' +
          '\r\n+CMT: ,24\r\n07914151551512F2040B915155550100F000002170207002154005C8329BFD06\r\n' +
          '\r\n+CDS: 25\r\n07914151551512F206070B915155550100F02170207002154021702070021540 00\r\n' +
          '\r\n+CDSI: "SR",1\r\n',
      },
    ],
    expected: [
      'urc:+CMTI ["ME","3"]',
      'urc:+CMT ["","24"]|text=07914151551512F2040B915155550100F000002170207002154005C8329BFD06',
      'urc:+CDS ["25"]|text=07914151551512F206070B915155550100F02170207002154021702070021540 00',
      'urc:+CDSI ["SR","1"]',
    ],
  },
  {
    name: '+CMT URC arriving in the middle of a command keeps both intact',
    steps: [
      {
        pending: { command: 'AT+CSQ' },
        receive: '\r\n+CMT: ,24\r\n0791AABB\r\n\r\n+CSQ: 20,99\r\n\r\nOK\r\n',
      },
    ],
    expected: ['urc:+CMT ["","24"]|text=0791AABB', 'line:+CSQ: 20,99', 'final:OK'],
  },
  {
    name: 'Quectel BG96: +QIOPEN result arrives after OK; QISEND prompt and SEND OK',
    steps: [
      { pending: { command: 'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1' }, receive: '\r\nOK\r\n\r\n+QIOPEN: 0,0\r\n' },
      { pending: { command: 'AT+QISEND=0,5', expectsPrompt: true }, receive: '\r\n> ' },
      { receive: '\r\nSEND OK\r\n' },
    ],
    expected: ['final:OK', 'urc:+QIOPEN ["0","0"]', 'prompt:>', 'final:SEND OK'],
  },
  {
    name: 'Quectel BG96: push mode +QIURC recv carries raw bytes, CR/LF included',
    steps: [{ receive: Buffer.from('\r\n+QIURC: "recv",0,6\r\nab\r\ncd\r\n\r\n+QIURC: "closed",0\r\n', 'latin1') }],
    expected: ['urc:+QIURC ["recv","0","6"]|data=61620d0a6364', 'urc:+QIURC ["closed","0"]'],
  },
  {
    name: 'Quectel BG96: buffer mode +QIURC recv, then +QIRD returns raw bytes in the response',
    steps: [
      { receive: '\r\n+QIURC: "recv",0\r\n' },
      { pending: { command: 'AT+QIRD=0,1500' }, receive: Buffer.from('\r\n+QIRD: 5\r\n[0,0]\r\n\r\nOK\r\n', 'latin1') },
    ],
    expected: ['urc:+QIURC ["recv","0"]', 'line:+QIRD: 5|data=5b302c305d', 'final:OK'],
  },
  {
    name: 'Quectel BG96: boot URCs and +QIURC pdpdeact',
    steps: [{ receive: '\r\nRDY\r\n\r\n+CFUN: 1\r\n\r\n+CPIN: READY\r\n\r\n+QUSIM: 1\r\n\r\n+QIND: SMS DONE\r\n\r\n+QIURC: "pdpdeact",1\r\n' }],
    expected: ['urc:RDY []', 'urc:+CFUN ["1"]', 'urc:+CPIN ["READY"]', 'urc:+QUSIM ["1"]', 'urc:+QIND ["SMS DONE"]', 'urc:+QIURC ["pdpdeact","1"]'],
  },
  {
    name: 'Huawei E3xx: ^RSSI/^BOOT/^MODE noise interleaved with a response, no space after the colon',
    steps: [
      {
        pending: { command: 'AT+CGMM' },
        receive: '\r\n^RSSI:15\r\n\r\nE303\r\n\r\n^BOOT:20377871,0,0,0,75\r\n\r\n^MODE:5,4\r\n\r\nOK\r\n\r\n^SRVST:2\r\n',
      },
    ],
    expected: ['urc:^RSSI ["15"]', 'line:E303', 'urc:^BOOT ["20377871","0","0","0","75"]', 'urc:^MODE ["5","4"]', 'final:OK', 'urc:^SRVST ["2"]'],
  },
  {
    name: 'Huawei: ^ICCID answers its own query; unknown ^DSFLOWRPT-like noise stays a URC',
    steps: [
      {
        pending: { command: 'AT^ICCID?' },
        receive: '\r\n^HCSQ:"LTE",46,40,120,22\r\n\r\n^ICCID: 8944500102198304826F\r\n\r\n^NDISSTAT:0,,,"IPV4"\r\n\r\nOK\r\n',
      },
    ],
    expected: ['urc:^HCSQ ["LTE","46","40","120","22"]', 'line:^ICCID: 8944500102198304826F', 'urc:^NDISSTAT ["0","","","IPV4"]', 'final:OK'],
  },
  {
    name: 'garbage bytes (NUL, 0xFF, control characters) around lines are dropped',
    steps: [{ pending: { command: 'AT' }, receive: Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x00, 0x4f, 0x4b, 0xff, 0x0d, 0x0a]) }],
    expected: ['final:OK'],
  },
  {
    name: 'dial: CONNECT with a rate, NO CARRIER, BUSY, NO ANSWER, NO DIALTONE, ABORTED, SEND FAIL',
    steps: [
      { pending: { command: 'ATD*99***1#' }, receive: '\r\nCONNECT 150000000\r\n' },
      { pending: { command: 'ATD*99#' }, receive: '\r\nNO CARRIER\r\n' },
      { pending: { command: 'ATD1' }, receive: '\r\nBUSY\r\n' },
      { pending: { command: 'ATD1' }, receive: '\r\nNO ANSWER\r\n' },
      { pending: { command: 'ATD1' }, receive: '\r\nNO DIALTONE\r\n' },
      { pending: { command: 'AT+COPS=?' }, receive: '\r\nABORTED\r\n' },
      { pending: { command: 'AT+QISEND=0,1', expectsPrompt: true }, receive: '> x\r\nSEND FAIL\r\n' },
    ],
    expected: [
      'final:CONNECT 150000000',
      'final:ERR:NO CARRIER',
      'final:ERR:BUSY',
      'final:ERR:NO ANSWER',
      'final:ERR:NO DIALTONE',
      'final:ERR:ABORTED',
      'prompt:>',
      'line:x',
      'final:ERR:SEND FAIL',
    ],
  },
  {
    name: 'RING and +CUSD: URCs; +CUSD answering its own read is a response',
    steps: [
      { pending: { command: 'AT+CUSD=1,"*100#",15' }, receive: '\r\nOK\r\n\r\n+CUSD: 0,"Balance 5.00",15\r\n\r\nRING\r\n' },
      { pending: { command: 'AT+CUSD?' }, receive: '\r\n+CUSD: 1\r\n\r\nOK\r\n' },
    ],
    expected: ['final:OK', 'urc:+CUSD ["0","Balance 5.00","15"]', 'urc:RING []', 'line:+CUSD: 1', 'final:OK'],
  },
];
