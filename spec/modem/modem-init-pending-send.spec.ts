import { createServer, type Server } from 'node:net';
import { SerialPort } from 'serialport';
import { Modem } from '../../lib/modem/modem';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/**
 * A host that dies between the prompt of a fixed-length send (`AT+QISEND=<id>,<len>` → `> `) and
 * its data leaves the modem waiting for `<len>` bytes: the next host's `AT` vanishes into that
 * body. Found by the modem leg of `npm run test:faults` (a device SIGKILLed mid-send could not
 * open its Quectel modem again until enough `AT`s had filled the body). Over a REAL pty with the
 * REAL serialport binding; the first host is a bare serial port that writes and closes.
 */
describe('Modem init after a host died in the middle of a fixed-length send', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let cloud: Server;
  let received: Buffer[];
  let modem: Modem | undefined;

  beforeEach(async () => {
    received = [];
    cloud = createServer((socket) => socket.on('data', (chunk: Buffer) => received.push(chunk)));
    await new Promise<void>((resolve) => cloud.listen(0, '127.0.0.1', resolve));
    const port = (cloud.address() as { port: number }).port;
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'quectel', model: 'BG96', mapConnect: () => ({ host: '127.0.0.1', port }) });
    simulator.attach(pair.stream);
  });

  afterEach(async () => {
    await modem?.close();
    modem = undefined;
    await simulator.close();
    await pair.close();
    await new Promise((resolve) => cloud.close(resolve));
  });

  /** The first host: opens a socket, asks to send 300 bytes, gets the prompt and dies. */
  async function dieAtThePrompt(): Promise<void> {
    const port = new SerialPort({ path: pair.path, baudRate: 115200 });
    await new Promise((resolve) => port.once('open', resolve));
    let seen = '';
    port.on('data', (chunk: Buffer) => (seen += chunk.toString('latin1')));
    const say = async (line: string, until: string): Promise<void> => {
      const before = seen.length;
      port.write(`${line}\r`);
      while (!seen.slice(before).includes(until)) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    await say('ATE0', 'OK');
    await say('AT+QIACT=1', 'OK');
    await say('AT+QIOPEN=1,0,"TCP","cloudsocket.hologram.io",9999,0,1', '+QIOPEN: 0,0');
    await say('AT+QISEND=0,300', '> ');
    await new Promise((resolve) => port.close(resolve));
  }

  it('the next host completes the pending body and initializes', async () => {
    await dieAtThePrompt();
    modem = await Modem.open(pair.path);
    expect(modem.state).toBe('ready');
    expect(await modem.imei()).toBe(simulator.personality.identity.imei);
    // What the orphaned socket's peer got: the 300 bytes it waited for, the next host's `AT`s and filler.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(Buffer.concat(received).toString('latin1')).toMatch(/^[AT\r ]{300}$/);
  }, 20_000);

  it('a modem that was not waiting reads the filler line as AT', async () => {
    simulator.silence(true);
    const opening = Modem.open(pair.path);
    // Silent through the first AT's 2 s: the filler line comes next, and is answered.
    await new Promise((resolve) => setTimeout(resolve, 2100));
    simulator.silence(false);
    modem = await opening;
    expect(modem.state).toBe('ready');
    // The silent AT, the filler (read as `AT`: trailing spaces are no part of a command), AT again.
    const beforeEchoOff = simulator.received.commands.slice(0, simulator.received.commands.indexOf('ATE0'));
    expect(beforeEchoOff.length).toBeGreaterThanOrEqual(3);
    expect(beforeEchoOff.every((command) => command === 'AT')).toBe(true);
  }, 20_000);
});
