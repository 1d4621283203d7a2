import * as net from 'node:net';
import { firstValueFrom } from 'rxjs';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { AtTerminal } from './at-terminal';
import { closed, receivedBytes, startServer, tcpHandles, tryConnect, type TestServer } from './tcp-fixtures';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A cloud-like server: answers `[0,0]` to the first bytes, then closes. */
async function cloud(): Promise<TestServer> {
  const server = await startServer((socket) => {
    socket.once('data', () => socket.end('[0,0]'));
  });
  cleanups.push(() => server.close());
  return server;
}

async function setUp(server: TestServer | undefined, options: ModemSimulatorOptions = {}) {
  const [hostEnd, modemEnd] = duplexPair();
  const sim = new ModemSimulator({
    vendor: 'u-blox',
    mapConnect: (host, port) =>
      host === 'cloudsocket.hologram.io' && port === 9999 && server ? { host: '127.0.0.1', port: server.port } : { host, port },
    mapListenPort: () => 0,
    ...options,
  });
  sim.attach(modemEnd);
  cleanups.push(() => sim.close());
  const at = new AtTerminal(hostEnd);
  await at.command('ATE0');
  await at.command('AT+CMEE=1');
  return { sim, at };
}

async function activatePdp(at: AtTerminal): Promise<void> {
  expect(await at.command('AT+UPSD=0,1,"hologram"')).toBe('\r\nOK\r\n');
  expect(await at.command('AT+UPSDA=0,3')).toBe('\r\nOK\r\n');
}

describe('ModemSimulator: u-blox sockets over real TCP', () => {
  it('round trip: activate, open, write hex, +UUSORD, read hex, peer close +UUSOCL', async () => {
    const server = await cloud();
    const { sim, at } = await setUp(server);
    await activatePdp(at);
    expect(await at.command('AT+UPSD=0,1')).toBe('\r\n+UPSD: 0,1,"hologram"\r\n\r\nOK\r\n');
    expect(await at.command('AT+UPSND=0,8')).toBe('\r\n+UPSND: 0,8,1\r\n\r\nOK\r\n');
    expect(await at.command('AT+UPSND=0,0')).toBe('\r\n+UPSND: 0,0,"10.170.56.23"\r\n\r\nOK\r\n');
    expect(await at.command('AT+UDCONF=1,1')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+USOCR=6')).toBe('\r\n+USOCR: 0\r\n\r\nOK\r\n');
    const accepted = server.nextConnection();
    expect(await at.command('AT+USOCO=0,"cloudsocket.hologram.io",9999')).toBe('\r\nOK\r\n');
    const serverSide = await accepted;

    const frame = Buffer.from('{"k":"abcdefgh","d":"hi"}\r\r');
    const written = firstValueFrom(sim.socketWrites$);
    expect(await at.command(`AT+USOWR=0,${frame.length},"${frame.toString('hex').toUpperCase()}"`)).toBe(
      `\r\n+USOWR: 0,${frame.length}\r\n\r\nOK\r\n`,
    );
    expect(await written).toEqual({ socket: 0, bytes: frame });
    expect(await receivedBytes(server.received, frame.length, serverSide)).toEqual(frame);

    expect(await at.waitFor('\r\n+UUSORD: 0,5\r\n')).toBe('\r\n+UUSORD: 0,5\r\n');
    expect(await at.command('AT+USORD=0,0')).toBe('\r\n+USORD: 0,5\r\n\r\nOK\r\n');
    expect(await at.command('AT+USORD=0,2')).toBe('\r\n+USORD: 0,2,"5B30"\r\n\r\nOK\r\n');
    expect(await at.command('AT+USORD=0,1024')).toContain('\r\n+USORD: 0,3,"2C305D"\r\n\r\nOK\r\n');
    // The peer closed right after replying; the close is announced once its reply is read.
    expect(await at.waitFor('\r\n+UUSOCL: 0\r\n')).toContain('+UUSOCL: 0');
    expect(await at.command('AT+USOCL=0')).toBe('\r\n+CME ERROR: 3\r\n');
  });

  it('writes with the binary @ prompt and reads text when hex mode is off', async () => {
    const server = await startServer((socket) => socket.on('data', (bytes) => socket.write(bytes)));
    cleanups.push(() => server.close());
    const { at } = await setUp(undefined);
    await activatePdp(at);
    await at.command('AT+USOCR=6');
    expect(await at.command(`AT+USOCO=0,"127.0.0.1",${server.port}`)).toBe('\r\nOK\r\n');
    at.write('AT+USOWR=0,6\r');
    expect(await at.waitFor('@')).toBe('@');
    at.write(Buffer.from('ab\r\ncd'));
    expect(await at.waitFor('OK\r\n')).toBe('\r\n+USOWR: 0,6\r\n\r\nOK\r\n');
    await at.waitFor('\r\n+UUSORD: 0,6\r\n');
    expect(await at.command('AT+USORD=0,6')).toBe('\r\n+USORD: 0,6,"ab\r\ncd"\r\n\r\nOK\r\n');
    expect(await at.command('AT+USOWR=0,5,"hello"')).toBe('\r\n+USOWR: 0,5\r\n\r\nOK\r\n');
    expect(await at.command('AT+USOCL=0')).toBe('\r\nOK\r\n');
    await closed(server.connections[0]);
  });

  it('refuses sockets without an active PDP profile, and activation while not registered', async () => {
    const { sim, at } = await setUp(undefined);
    await at.command('AT+USOCR=6');
    expect(await at.command('AT+USOCO=0,"127.0.0.1",9')).toBe('\r\n+CME ERROR: 3\r\n');
    sim.setRegistration(2);
    await at.command('AT+UPSD=0,1,"hologram"');
    expect(await at.command('AT+UPSDA=0,3')).toBe('\r\n+CME ERROR: 148\r\n');
    expect(await at.command('AT+UPSND=0,8')).toBe('\r\n+UPSND: 0,8,0\r\n\r\nOK\r\n');
  });

  it.each([
    ['SARA-U201', '+USORD: 0,0,""'],
    // SARA-R4 AT manual §19.12.4: with no bytes to return, the length is left out.
    ['SARA-R410M-02B', '+USORD: 0,""'],
  ])('%s: a read with nothing waiting answers %s', async (model, answer) => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { at } = await setUp(undefined, { model });
    if (model === 'SARA-U201') await activatePdp(at);
    await at.command('AT+USOCR=6');
    expect(await at.command(`AT+USOCO=0,"127.0.0.1",${server.port}`)).toBe('\r\nOK\r\n');
    expect(await at.command('AT+USORD=0,10')).toBe(`\r\n${answer}\r\n\r\nOK\r\n`);
  });

  it('answers CME 3 when the real connect is refused', async () => {
    const server = await startServer();
    const port = server.port;
    await server.close();
    const { at } = await setUp(undefined);
    await activatePdp(at);
    await at.command('AT+USOCR=6');
    expect(await at.command(`AT+USOCO=0,"127.0.0.1",${port}`)).toBe('\r\n+CME ERROR: 3\r\n');
  });

  it('listens on a real port and announces accepted connections with +UUSOLI', async () => {
    const { sim, at } = await setUp(undefined);
    await activatePdp(at);
    await at.command('AT+USOCR=6');
    expect(await at.command('AT+USOLI=0,4010')).toBe('\r\nOK\r\n');
    const listener = sim.listener(4010);
    expect(listener).toMatchObject({ socket: 0, modemPort: 4010 });
    const client = net.connect({ host: '127.0.0.1', port: listener!.address.port });
    cleanups.push(async () => void client.destroy());
    await new Promise((resolve) => client.once('connect', resolve));
    const urc = await at.waitFor(/\+UUSOLI: [^\r]*\r\n/);
    expect(urc).toBe(`\r\n+UUSOLI: 1,"127.0.0.1",${client.localPort},0,"10.170.56.23",4010\r\n`);
    client.end('ping');
    await at.waitFor('\r\n+UUSORD: 1,4\r\n');
    expect(await at.command('AT+USORD=1,100')).toBe('\r\n+USORD: 1,4,"ping"\r\n\r\nOK\r\n');
    await at.waitFor('\r\n+UUSOCL: 1\r\n');
  });

  it('dropPDP prints +UUPSDD: 0 and closes the sockets with +UUSOCL', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { sim, at } = await setUp(undefined);
    await activatePdp(at);
    await at.command('AT+USOCR=6');
    const accepted = server.nextConnection();
    await at.command(`AT+USOCO=0,"127.0.0.1",${server.port}`);
    const serverSide = await accepted;
    sim.dropPDP();
    expect(await at.waitFor('\r\n+UUSOCL: 0\r\n')).toBe('\r\n+UUPSDD: 0\r\n\r\n+UUSOCL: 0\r\n');
    await closed(serverSide);
    expect(await at.command('AT+UPSND=0,8')).toBe('\r\n+UPSND: 0,8,0\r\n\r\nOK\r\n');
  });

  it('SARA-R410 uses the default bearer: sockets work once registered, die when it is lost', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const { sim, at } = await setUp(undefined, { model: 'SARA-R410M-02B' });
    await at.command('AT+USOCR=6');
    const accepted = server.nextConnection();
    expect(await at.command(`AT+USOCO=0,"127.0.0.1",${server.port}`)).toBe('\r\nOK\r\n');
    const serverSide = await accepted;
    sim.setRegistration(0);
    await at.waitFor('\r\n+UUSOCL: 0\r\n');
    await closed(serverSide);
    expect(await at.command('AT+CGACT?')).toBe('\r\n+CGACT: 1,0\r\n\r\nOK\r\n');
  });

  it('close() releases every connection and listener it opened', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const before = await tcpHandles();
    const [hostEnd, modemEnd] = duplexPair();
    const sim = new ModemSimulator({ vendor: 'u-blox', mapListenPort: () => 0, latencyMs: 50 });
    sim.attach(modemEnd);
    const at = new AtTerminal(hostEnd);
    await at.command('ATE0');
    await activatePdp(at);
    await at.command('AT+USOCR=6');
    const accepted = server.nextConnection();
    await at.command(`AT+USOCO=0,"127.0.0.1",${server.port}`);
    const serverSide = await accepted;
    await at.command('AT+USOCR=6');
    await at.command('AT+USOLI=1,4010');
    const listenPort = sim.listener(4010)!.address.port;
    at.write('AT+CSQ\r'); // pending behind the latency timer when close() comes

    await sim.close();
    await closed(serverSide);
    expect(await tryConnect(listenPort)).toBe('ECONNREFUSED');
    expect(await tcpHandles()).toBe(before);
    expect(at.pending).not.toContain('+CSQ');
  });
});
