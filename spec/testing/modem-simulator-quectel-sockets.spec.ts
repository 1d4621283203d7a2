import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { AtTerminal } from './at-terminal';
import { closed, receivedBytes, startServer, tcpHandles, type TestServer } from './tcp-fixtures';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(onConnection?: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const started = await startServer(onConnection);
  cleanups.push(() => started.close());
  return started;
}

async function setUp(options: ModemSimulatorOptions = {}) {
  const [hostEnd, modemEnd] = duplexPair();
  const sim = new ModemSimulator({ vendor: 'quectel', ...options });
  sim.attach(modemEnd);
  cleanups.push(() => sim.close());
  const at = new AtTerminal(hostEnd);
  await at.command('ATE0');
  return { sim, at };
}

async function activate(at: AtTerminal): Promise<void> {
  expect(await at.command('AT+QICSGP=1,1,"hologram","","",1')).toBe('\r\nOK\r\n');
  expect(await at.command('AT+QIACT=1')).toBe('\r\nOK\r\n');
}

describe('ModemSimulator: Quectel sockets over real TCP', () => {
  it('round trip: QIOPEN URC, QISEND prompt, recv URC, QIRD, peer close', async () => {
    const cloud = await server((socket) => socket.once('data', () => socket.end('[0,0]')));
    const { sim, at } = await setUp();
    await activate(at);
    expect(await at.command('AT+QIACT?')).toBe('\r\n+QIACT: 1,1,1,"10.170.56.23"\r\n\r\nOK\r\n');
    expect(await at.command('AT+QICSGP=1')).toBe('\r\n+QICSGP: 1,"hologram","","",0\r\n\r\nOK\r\n');
    const accepted = cloud.nextConnection();
    expect(await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${cloud.port},0,0`)).toBe('\r\nOK\r\n');
    expect(await at.waitFor('\r\n+QIOPEN: 0,0\r\n')).toBe('\r\n+QIOPEN: 0,0\r\n');
    const serverSide = await accepted;

    at.write('AT+QISEND=0,5\r');
    expect(await at.waitFor('> ')).toBe('\r\n> ');
    at.write('hello');
    expect(await at.waitFor('SEND OK\r\n')).toBe('\r\nSEND OK\r\n');
    expect((await receivedBytes(cloud.received, 5, serverSide)).toString()).toBe('hello');
    expect(sim.received.socketWrites).toEqual([{ socket: 0, bytes: Buffer.from('hello') }]);

    expect(await at.waitFor('\r\n+QIURC: "recv",0\r\n')).toBe('\r\n+QIURC: "recv",0\r\n');
    expect(await at.waitFor('\r\n+QIURC: "closed",0\r\n')).toBe('\r\n+QIURC: "closed",0\r\n');
    expect(await at.command('AT+QIRD=0,0')).toBe('\r\n+QIRD: 5,0,5\r\n\r\nOK\r\n');
    expect(await at.command('AT+QIRD=0,1500')).toBe('\r\n+QIRD: 5\r\n[0,0]\r\n\r\nOK\r\n');
    expect(await at.command('AT+QIRD=0,1500')).toBe('\r\n+QIRD: 0\r\n\r\nOK\r\n');
    expect(await at.command('AT+QISEND=0,0')).toBe('\r\n+QISEND: 5,5,0\r\n\r\nOK\r\n');
    expect(await at.command('AT+QICLOSE=0')).toBe('\r\nOK\r\n');
    expect(await at.command('AT+QIRD=0,10')).toBe('\r\nERROR\r\n');
  });

  it('sends hex with QISENDEX and pushes data in access mode 1', async () => {
    const echo = await server((socket) => socket.on('data', (bytes) => socket.write(bytes)));
    const { at } = await setUp({ vendor: 'quectel', model: 'EC21' });
    await activate(at);
    await at.command(`AT+QIOPEN=1,3,"TCP","127.0.0.1",${echo.port},0,1`);
    await at.waitFor('\r\n+QIOPEN: 3,0\r\n');
    expect(await at.command('AT+QISENDEX=3,"00FF0D0A"')).toBe('\r\nSEND OK\r\n');
    expect(await at.waitFor(/"recv",3,4\r\n[\s\S]{4}\r\n/)).toBe('\r\n+QIURC: "recv",3,4\r\n\x00\xff\r\n\r\n');
  });

  it('reports connect failures and used ids in the +QIOPEN URC; QIACT needs registration', async () => {
    const gone = await startServer();
    const port = gone.port;
    await gone.close();
    const live = await server();
    const { sim, at } = await setUp();
    await activate(at);
    await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${port},0,0`);
    expect(await at.waitFor(/\+QIOPEN: [^\r]*\r\n/)).toBe('\r\n+QIOPEN: 0,566\r\n');
    await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${live.port},0,0`);
    await at.waitFor('\r\n+QIOPEN: 0,0\r\n');
    await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${live.port},0,0`);
    expect(await at.waitFor(/\+QIOPEN: [^\r]*\r\n/)).toBe('\r\n+QIOPEN: 0,563\r\n');
    expect(await at.command('AT+QISEND=5,3')).toBe('\r\nERROR\r\n');
    sim.setRegistration(2);
    expect(await at.command('AT+QIACT=2')).toBe('\r\nERROR\r\n');
  });

  it('dropPDP prints +QIURC: "pdpdeact" and closes the context\'s sockets', async () => {
    const live = await server();
    const { sim, at } = await setUp();
    await activate(at);
    const accepted = live.nextConnection();
    await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${live.port},0,0`);
    await at.waitFor('\r\n+QIOPEN: 0,0\r\n');
    const serverSide = await accepted;
    sim.dropPDP();
    expect(await at.waitFor('\r\n+QIURC: "pdpdeact",1\r\n')).toBe('\r\n+QIURC: "pdpdeact",1\r\n');
    await closed(serverSide);
    expect(await at.command('AT+QIACT?')).toBe('\r\nOK\r\n');
  });

  it('close() releases open connections', async () => {
    const live = await server();
    const before = await tcpHandles();
    const [hostEnd, modemEnd] = duplexPair();
    const sim = new ModemSimulator({ vendor: 'quectel' });
    sim.attach(modemEnd);
    const at = new AtTerminal(hostEnd);
    await at.command('ATE0');
    await activate(at);
    const accepted = live.nextConnection();
    await at.command(`AT+QIOPEN=1,0,"TCP","127.0.0.1",${live.port},0,0`);
    const serverSide = await accepted;
    await sim.close();
    await closed(serverSide);
    expect(await tcpHandles()).toBe(before);
  });

  it('close() aborts a connect still in progress', async () => {
    // 192.0.2.1 (TEST-NET-1) is never routed: the connect stays pending, or fails at once on a
    // machine without a default route; either way nothing may be left open after close().
    const before = await tcpHandles();
    const [hostEnd, modemEnd] = duplexPair();
    const sim = new ModemSimulator({ vendor: 'quectel' });
    sim.attach(modemEnd);
    const at = new AtTerminal(hostEnd);
    await at.command('ATE0');
    await activate(at);
    await at.command('AT+QIOPEN=1,0,"TCP","192.0.2.1",9999,0,0');
    await sim.close();
    expect(await tcpHandles()).toBe(before);
  });
});
