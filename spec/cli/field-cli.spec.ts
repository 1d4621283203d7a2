import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { hologram, sendInbound, startCli } from './cli-harness';

/**
 * `hologram receive`, `heartbeat` and the `send` additions as users run them: the built CLI in a
 * child process (`npm test` builds first; build before running this alone), with real TCP.
 */
const KEY = 'Hb7rQ2xk';


describe('hologram receive (data over real TCP)', () => {
  it('reports the port it listens on, prints each message as JSON, stops on Ctrl-C with exit 0', async () => {
    const run = startCli('receive', '--host', '127.0.0.1', '--port', '0', '--json');
    const listening = JSON.parse(await run.line(0));
    expect(listening).toEqual({ listening: { via: 'tcp', host: '127.0.0.1', port: expect.any(Number) } });
    await sendInbound(listening.listening.port, 'open the gate');
    expect(JSON.parse(await run.line(1))).toMatchObject({ type: 'message', via: 'tcp', from: '127.0.0.1', text: 'open the gate', bytes: 13 });
    await sendInbound(listening.listening.port, 'ünïcode ✓');
    expect(JSON.parse(await run.line(2))).toMatchObject({ text: 'ünïcode ✓', base64: Buffer.from('ünïcode ✓').toString('base64') });
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
  });

  it('prints the text only (address on stderr) and stops by itself after --count messages', async () => {
    const run = startCli('receive', '--host', '127.0.0.1', '--port', '0', '--count', '2');
    // The address line goes to stderr so that stdout carries messages only.
    const port = Number((await run.stderrMatching(/Listening for messages on 127\.0\.0\.1:(\d+) \(tcp\)/))[1]);
    await sendInbound(port, 'one');
    expect(await run.line(0)).toBe('one');
    await sendInbound(port, 'two');
    expect(await run.exit).toBe(0);
  });

  it('stops after --timeout with exit 0, and exits 1 when the port is taken', async () => {
    const first = startCli('receive', '--host', '127.0.0.1', '--port', '0', '--json', '--timeout', '0.5');
    const { listening } = JSON.parse(await first.line(0));
    const taken = await hologram('receive', '--host', '127.0.0.1', '--port', String(listening.port));
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(new RegExp(`port ${listening.port} is already in use`));
    expect(await first.exit).toBe(0);
  });
});

describe('hologram heartbeat and send against the cloud emulator', () => {
  let emulator: CloudEmulator;
  let port: string;
  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: [KEY] });
    port = String(await emulator.listen());
  });
  afterEach(() => emulator.close());

  it('heartbeat --count 2 --interval 1 sends two numbered heartbeats with the topic and exits 0', async () => {
    const run = await hologram('heartbeat', '--count', '2', '--interval', '1', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { heartbeat: 1, message: expect.stringMatching(/^\{"heartbeat":1,"uptime":0\}$/), code: 0, name: 'ERR_OK', ok: true },
      { heartbeat: 2, message: expect.stringMatching(/^\{"heartbeat":2,"uptime":\d+\}$/), code: 0, name: 'ERR_OK', ok: true },
    ]);
    expect(emulator.messages.map((frame) => [JSON.parse(frame.data).heartbeat, frame.topics])).toEqual([
      [1, ['heartbeat']],
      [2, ['heartbeat']],
    ]);
    expect(run.stdout).not.toContain(KEY);
  });

  it('heartbeat exits 1 when the cloud refuses, and runs until Ctrl-C without --count', async () => {
    emulator.faults.answerCode = 3;
    const refused = await hologram('heartbeat', '--count', '1', '--interval', '1', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '-m', 'alive');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^heartbeat 1: .*/);
    emulator.faults.answerCode = undefined;
    const run = startCli('heartbeat', '--interval', '1', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '-t', 'alive', '--json');
    expect(JSON.parse(await run.line(0))).toMatchObject({ heartbeat: 1, ok: true });
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(emulator.messages.slice(1).map((frame) => frame.topics)).toEqual([['alive']]);
  });

  it('send --repeat 1 --duration 2.5 sends each round in order, then exits 0', async () => {
    const run = await hologram('send', 'a', 'b', '--repeat', '1', '--duration', '2.5', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port);
    expect(run.code).toBe(0);
    const data = emulator.messages.map((frame) => frame.data);
    // Rounds at 0, 1 and 2 s (how many fit in 2.5 s depends on the machine's load, at least two):
    // whole rounds, in order, none lost or repeated, one printed line per message.
    const rounds = data.length / 2;
    expect(rounds).toBeGreaterThanOrEqual(2);
    expect(data).toEqual(Array.from({ length: rounds }, () => ['a', 'b']).flat());
    expect(run.stdout).toBe('[1] "a": Message sent successfully\n[2] "b": Message sent successfully\n'.repeat(rounds));
  });

  it('send --sms --destination is hologram sms', async () => {
    const run = await hologram('send', '--sms', '--destination', '+15555550100', 'hi there', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ destination: '+15555550100', message: 'hi there', code: 0, ok: true });
    expect(emulator.received).toMatchObject([{ kind: 'sms', destination: '+15555550100', body: 'hi there' }]);
  });

  it.each([
    [['receive', '--data', '--sms'], /give --data or --sms, not both/],
    [['receive', '--sms', '--port', '4010'], /--host and --port are for --data/],
    [['receive', '--port', 'x'], /--port must be a port number from 0 \(any free port\) to 65535, got "x"/],
    [['receive', '--timeout', '0'], /--timeout must be a positive number above 0, got "0"/],
    [['receive', 'extra'], /unexpected argument "extra"/],
    [['heartbeat', '--interval', '0.5', '--devicekey', KEY], /--interval must be a positive number of at least 1, got "0.5"/],
    [['heartbeat', '--count', '1.5', '--devicekey', KEY], /--count must be a whole number/],
    [['heartbeat'], /heartbeats go to the Hologram cloud, which needs credentials/],
    [['send', 'x', '--devicekey', KEY, '--duration', '3', '-p', 'PORT'], /--duration goes with --repeat S/],
    [['send', 'x', '--devicekey', KEY, '--repeat', '0', '-p', 'PORT'], /--repeat must be a positive number of at least 1/],
    [['send', 'x', '--devicekey', KEY, '--network', 'wifi', '-p', 'PORT'], /--network "wifi" is not known/],
    [['send', 'x', '--devicekey', KEY, '--apn', 'other', '-p', 'PORT'], /--apn goes with --network cellular/],
    [['send', 'x', '--devicekey', KEY, '--destination', '+1555', '-p', 'PORT'], /--destination goes with --sms/],
    [['send', '--sms', 'x', '--devicekey', KEY, '-p', 'PORT'], /no destination: give --destination/],
    [['network'], /no action given: use one of connect, disconnect, status/],
    [['network', 'connect', '--connect-timeout=-3'], /--connect-timeout must be a positive number above 0, got "-3"/],
    [['send', 'x', '--devicekey', KEY, '--timeout', 'soon', '-p', 'PORT'], /--timeout must be a positive number above 0, got "soon"/],
    [['network', 'up'], /unknown action "up"/],
    [['network', 'disconnect', '--watch'], /--watch goes with connect and status/],
    [['network', 'status', '--interval', '2'], /--interval goes with status --watch/],
  ])('exits 2 for bad usage %j, naming the fix, with no connection', async (args, message) => {
    const run = await hologram(...args.map((arg) => (arg === 'PORT' ? port : arg)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(emulator.connectionCount).toBe(0);
  });

  it.each(['receive', 'heartbeat', 'network'])('has --help for %s', async (name) => {
    const run = await hologram(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: hologram ${name}`));
  });
});
