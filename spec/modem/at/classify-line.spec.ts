import { classifyLine, type AttributedCommand, type LineMeaning } from '../../../lib/modem/at/classify-line';
import { KNOWN_URCS } from '../../../lib/modem/at/urc';

function pending(command: string, extra: Partial<AttributedCommand> = {}): AttributedCommand {
  const name = /^AT([+^][A-Z]+)/i.exec(command)?.[1]?.toUpperCase();
  return { command, name, setForm: command.includes('='), echoSeen: false, promptSeen: false, ...extra };
}

/** Only the kind and what tells the cases apart. */
function summary(meaning: LineMeaning): string {
  switch (meaning.kind) {
    case 'echo':
      return `echo:${meaning.of}`;
    case 'final':
      return `final:${meaning.result.ok ? 'ok' : 'error'}`;
    case 'urc':
      return `urc:${meaning.urc.name}:${meaning.framing.kind}${meaning.framing.kind === 'raw' ? meaning.framing.length : ''}`;
    case 'line':
      return meaning.rawLength === undefined ? 'line' : `line:raw${meaning.rawLength}`;
  }
}

describe('classifyLine', () => {
  it.each<[string, AttributedCommand | undefined, string]>([
    ['AT+CREG?', pending('AT+CREG?'), 'echo:command'],
    ['at+creg?', pending('AT+CREG?'), 'echo:command'],
    ['AT+CREG?', pending('AT+CREG?', { echoSeen: true }), 'line'],
    ['hello', pending('AT+CMGS=5', { body: 'hello', promptSeen: true }), 'echo:body'],
    ['hello', pending('AT+CMGS=5', { body: 'hello' }), 'line'],
    ['OK', pending('AT'), 'final:ok'],
    ['+CME ERROR: 10', undefined, 'final:error'],
    ['+CREG: 0,1', pending('AT+CREG?'), 'line'],
    ['+CREG: 1', undefined, 'urc:+CREG:whole'],
    ['+CMTI: "SM",3', pending('AT+CREG?'), 'urc:+CMTI:whole'],
    ['+CMT: ,24', undefined, 'urc:+CMT:second-line'],
    ['+QIURC: "recv",0,5', undefined, 'urc:+QIURC:raw5'],
    ['+QIRD: 5', pending('AT+QIRD=0,1500'), 'line:raw5'],
    ['+QIRD: 5', undefined, 'line'],
    ['+QIRD: 0', pending('AT+QIRD=0,1500'), 'line'],
    ['^UNKNOWN: 1', undefined, 'urc:^UNKNOWN:whole'],
    ['RING', undefined, 'urc:RING:whole'],
    ['+CSQ: 20,99', pending('AT+CSQ'), 'line'],
  ])('%s (pending %j) is %s', (line, attributed, expected) => {
    expect(summary(classifyLine(line, attributed, KNOWN_URCS))).toBe(expected);
  });
});
