import { Subscriber, type SchedulerLike } from 'rxjs';
import { marbles, type Context } from 'rxjs-marbles/jest';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { QuectelSocketExchange } from '../../../lib/modem/sockets/quectel-socket-exchange';
import { QuectelSocketIds } from '../../../lib/modem/sockets/quectel-socket-ids';
import { UbloxSocketExchange } from '../../../lib/modem/sockets/ublox-socket-exchange';
import { leftAfterRead } from '../../../lib/modem/sockets/ublox-socket-reader';
import { ScriptedPort, table, type Reply } from '../../../lib/testing/scripted-port';

/**
 * The socket exchanges' explicit steps, sampled just after given virtual instants while a scripted
 * port answers (the outcomes and timings are in socket-timing.spec.ts).
 */

const plan = { host: 'cloudsocket.hologram.io', port: 9999, payload: Buffer.from('hi'), connectTimeoutMs: 50, replyTimeoutMs: 100 };
const ok = (text = '', after = 1): Reply[] => [{ after, text: `${text}\r\nOK\r\n` }];
const hex = (text: string) => Buffer.from(text).toString('hex').toUpperCase();

interface Run {
  readonly steps: Array<[number, string]>;
  readonly writes: string[];
  readonly outcome: string[];
}

function run(
  m: Context,
  script: ReturnType<typeof table>,
  at: readonly number[],
  make: (engine: ATEngine, scheduler: SchedulerLike, subscriber: Subscriber<Buffer>) => { progress: string; start(): void; dispose(): void },
  disposeAt?: number,
): Run {
  const steps: Array<[number, string]> = [];
  const outcome: string[] = [];
  let writes: string[] = [];
  const port = new ScriptedPort(m.scheduler, script);
  const engine = new ATEngine(port, { scheduler: m.scheduler });
  const subscriber = new Subscriber<Buffer>({
    next: (reply) => outcome.push(reply.toString()),
    error: (error: Error) => outcome.push(`error: ${error.message}`),
    complete: () => outcome.push('complete'),
  });
  const exchange = make(engine, m.scheduler, subscriber);
  subscriber.add(() => exchange.dispose());
  for (const t of at) m.scheduler.schedule(() => steps.push([t, exchange.progress]), t + 0.5);
  if (disposeAt !== undefined) m.scheduler.schedule(() => subscriber.unsubscribe(), disposeAt);
  exchange.start();
  m.scheduler.schedule(() => (writes = port.writes.map((w) => w.replace(/\r$/, ''))), 1000);
  m.flush();
  return { steps, writes, outcome };
}

describe('Quectel exchange steps', () => {
  const quectel = (ids = new QuectelSocketIds()) => (engine: ATEngine, scheduler: SchedulerLike, subscriber: Subscriber<Buffer>) =>
    new QuectelSocketExchange(engine, plan, scheduler, subscriber, { contextId: 1, accessMode: 'buffer', ids });

  it('unopened -> opening -> sending -> sent -> released, reading in buffer mode while data is announced', marbles((m) => {
    const ids = new QuectelSocketIds();
    const r = run(
      m,
      table({
        'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,0\r': [{ after: 1, text: '\r\nOK\r\n' }, { after: 5, text: '\r\n+QIOPEN: 0,0\r\n' }],
        'AT+QISEND=0,2\r': [{ after: 1, text: '\r\n> ' }],
        hi: [{ after: 1, text: '\r\nSEND OK\r\n' }, { after: 2, text: '\r\n+QIURC: "recv",0\r\n' }],
        'AT+QIRD=0,1500\r': (n) => (n === 1 ? [{ after: 1, text: '\r\n+QIRD: 5\r\n[0,0]\r\nOK\r\n' }, { after: 2, text: '\r\n+QIURC: "closed",0\r\n' }] : ok('\r\n+QIRD: 0\r\n')),
        'AT+QICLOSE=0\r': ok(),
      }),
      [0, 4, 5, 6, 7, 8, 9, 12],
      quectel(ids),
    );
    expect(r.steps).toEqual([
      [0, 'opening'],
      [4, 'opening'],
      [5, 'sending'], // +QIOPEN: 0,0
      [6, 'sending'], // the prompt; the body goes
      [7, 'sent'], // SEND OK
      [8, 'sent'], // data announced: AT+QIRD
      [9, 'sent'],
      [12, 'released'], // closed at 9, the last read answered 0 at 10: complete, AT+QICLOSE
    ]);
    expect(r.outcome).toEqual(['[0,0]', 'complete']);
    expect(r.writes.at(-1)).toBe('10:AT+QICLOSE=0');
    expect(ids.used).toBe(0);
  }));

  it('a connect error in +QIOPEN fails from opening and releases the id', marbles((m) => {
    const r = run(
      m,
      table({
        'AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,0\r': [{ after: 1, text: '\r\nOK\r\n' }, { after: 3, text: '\r\n+QIOPEN: 0,565\r\n' }],
        'AT+QICLOSE=0\r': ok(),
      }),
      [2, 3],
      quectel(),
    );
    expect(r.steps).toEqual([
      [2, 'opening'],
      [3, 'released'],
    ]);
    expect(r.outcome).toEqual(['error: quectel socket 0: connect failed with error 565']);
  }));

  it('no id free: released at once, never opened', marbles((m) => {
    const ids = new QuectelSocketIds(0);
    const r = run(m, table({}), [0], quectel(ids));
    expect(r.steps).toEqual([[0, 'released']]);
    expect(r.writes).toEqual([]);
  }));
});

describe('u-blox exchange steps', () => {
  const ublox = (engine: ATEngine, scheduler: SchedulerLike, subscriber: Subscriber<Buffer>) => new UbloxSocketExchange(engine, plan, scheduler, subscriber);
  const base = {
    'AT+UDCONF=1,1\r': ok(),
    'AT+USOCR=6\r': ok('\r\n+USOCR: 0\r\n'),
    'AT+USOCO=0,"cloudsocket.hologram.io",9999\r': ok(),
    'AT+USOCL=0\r': ok(),
  };

  it('hex-mode -> creating -> open -> released without AT+USOCL when the peer closed', marbles((m) => {
    const r = run(
      m,
      table({
        ...base,
        [`AT+USOWR=0,2,"${hex('hi')}"\r`]: [{ after: 1, text: '\r\n+USOWR: 0,2\r\n\r\nOK\r\n' }, { after: 2, text: '\r\n+UUSORD: 0,5\r\n' }],
        'AT+USORD=0,5\r': [{ after: 1, text: `\r\n+USORD: 0,5,"${hex('[0,0]')}"\r\n\r\nOK\r\n` }, { after: 2, text: '\r\n+UUSOCL: 0\r\n' }],
      }),
      [0, 1, 2, 7],
      ublox,
    );
    expect(r.steps).toEqual([
      [0, 'hex-mode'],
      [1, 'creating'],
      [2, 'open'],
      [7, 'released'],
    ]);
    expect(r.outcome).toEqual(['[0,0]', 'complete']);
    expect(r.writes.some((w) => w.includes('AT+USOCL'))).toBe(false);
  }));

  it('unsubscribed while creating: stays creating until AT+USOCR answers, then frees the socket it made', marbles((m) => {
    const r = run(
      m,
      table({ ...base, 'AT+USOCR=6\r': ok('\r\n+USOCR: 0\r\n', 5) }),
      [2, 5, 6],
      ublox,
      2,
    );
    expect(r.steps).toEqual([
      [2, 'creating'],
      [5, 'creating'],
      [6, 'released'],
    ]);
    expect(r.writes).toEqual(['0:AT+UDCONF=1,1', '1:AT+USOCR=6', '6:AT+USOCL=0']);
  }));
});

describe('u-blox reader: bytes left after a read', () => {
  it.each([
    ['all read, nothing announced meanwhile', { unread: 5, wanted: 5 }, 5, 0],
    ['a 512-byte slice of 700', { unread: 700, wanted: 512 }, 512, 188],
    ['a short read: the modem had no more', { unread: 700, wanted: 512 }, 300, 0],
    ['announced during the read: counts the bytes being read', { unread: 3, wanted: 3, announced: 5 }, 3, 2],
    ['announced less than read (already counted)', { unread: 3, wanted: 3, announced: 2 }, 3, 0],
  ])('%s', (_name, state, got, left) => {
    expect(leftAfterRead(state, got)).toBe(left);
  });
});
