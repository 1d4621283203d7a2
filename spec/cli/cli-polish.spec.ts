import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { openPtyPair } from '../../lib/testing/pty-pair';
import { runCli, type CliRun } from './cli-harness';

/**
 * What a user meets at the edges of the CLI: usage mistakes, failures and their hints, config
 * files, logging and authentication types. The built CLI in a child process against the cloud
 * emulator (build first when running this alone).
 */

const KEY = 'Zq8wKx3m';
const hologram = (...args: string[]): Promise<CliRun> => runCli(args, { env: { ...process.env, DEBUG: '' } });

describe('hologram CLI at its edges', () => {
  let emulator: CloudEmulator;
  let port: string;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hologram-cli-polish-'));
  });
  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: [KEY] });
    port = String(await emulator.listen());
  });
  afterEach(() => emulator.close());

  const send = (...args: string[]): Promise<CliRun> => hologram('send', ...args, '--host', '127.0.0.1', '-p', port);

  it('without credentials and without --mode tcp-other, send is a usage error naming both routes, and sends nothing', async () => {
    const run = await send('hello');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'hologram send: no credentials: to send to the Hologram cloud give --devicekey, or --cloud_id and --cloud_key, or -f CONFIG; ' +
        "to send raw bytes to a server of your choice give --mode tcp-other with --host and --port\nRun 'hologram send --help' for usage.\n",
    );
    expect(emulator.connectionCount).toBe(0);
  });

  describe('the hint after a failure fits the failure', () => {
    it('no reply in time', async () => {
      emulator.faults.replyDelayMs = 5000;
      const run = await send('x', '--devicekey', KEY, '--timeout', '0.5');
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(`hologram send: 1 of 1 message(s) not delivered\n  no reply from 127.0.0.1:${port} in time: check the network, raise --timeout, or send again with --retries\n`);
    });

    it('a wrong device key', async () => {
      const run = await send('x', '--devicekey', 'Wr0ngKey');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/\n {2}the cloud refused the device key: check --devicekey \(or cloud_id and cloud_key\)/);
      expect(run.stderr).not.toMatch(/No reply|--timeout|--port/);
      expect(run.stdout + run.stderr).not.toContain('Wr0ngKey');
    });

    it('a topic the cloud refuses', async () => {
      emulator.faults.answerCode = 8;
      const run = await send('x', '--devicekey', KEY, '-t', 'some topic');
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/\n {2}the cloud refused a topic: use letters, digits, -, _ and \/ \(under 32 characters\) in --topic\n$/);
    });

    it('one hint per distinct cause when several messages fail differently; none in --json output', async () => {
      const codes = [8, 3];
      emulator.faults.answerCode = 3;
      emulator.received$.subscribe(() => (emulator.faults.answerCode = codes.shift() ?? 3));
      const run = await send('a', 'b', 'c', '--devicekey', KEY);
      expect(emulator.messages.map((frame) => frame.code)).toEqual([3, 8, 3]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        'hologram send: 3 of 3 message(s) not delivered\n' +
          '  the cloud refused the device key: check --devicekey (or cloud_id and cloud_key) against the device page of the dashboard\n' +
          '  the cloud refused a topic: use letters, digits, -, _ and / (under 32 characters) in --topic\n',
      );
      const json = await send('a', '--devicekey', KEY, '--json');
      expect(json).toMatchObject({ code: 1, stderr: '' });
    });
  });

  it('each result line names its message, shortened when long', async () => {
    const long = 'a reading that goes on and on and on and on and on';
    const run = await send('same', 'same', long, '--devicekey', KEY);
    expect(run.stdout).toBe(
      '[1] "same": Message sent successfully\n[2] "same": Message sent successfully\n[3] "a reading that goes on and on and on an…": Message sent successfully\n',
    );
  });

  it.each([
    [['send', 'x', '--devicekey', KEY, '--hots', '127.0.0.1'], 'unknown option --hots: did you mean --host?'],
    [['send', 'x', '--devicekye', KEY], 'unknown option --devicekye: did you mean --devicekey?'],
    [['sms', 'x', '--dest', '+1555'], 'unknown option --dest: did you mean --destination?'],
    [['modem', 'info', '--devcie', '/dev/x'], 'unknown option --devcie: did you mean --device?'],
    [['send', 'x', '--devicekey'], '--devicekey needs a value'],
  ])('%j: %s, exit 2', async (args, message) => {
    const run = await hologram(...args);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr.split('\n')[0]).toBe(`hologram ${args[0]}: ${message}`);
  });

  it('refuses a config file with both devicekey and cloud_id/cloud_key, naming file and line', async () => {
    const file = join(dir, 'both.hjson');
    writeFileSync(file, `{\n  devicekey: ${KEY}\n  cloud_id: abcd\n  cloud_key: efgh\n}\n`);
    const run = await send('x', '-f', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`hologram send: ${file}:3: has both devicekey and cloud_id: keep either devicekey or cloud_id with cloud_key\n`);
    expect(emulator.connectionCount).toBe(0);
  });

  it.each([
    ['devicekey: abc', 2, 'devicekey must be 8 characters, got 3'],
    ['cloud_id: abcd\n  cloud_key: ef', 3, 'cloud_key must be 4 characters or empty, got 2'],
    ['cloud_key: efgh', undefined, 'has cloud_key without cloud_id: give both'],
  ])('names the file (and line) for a bad key in it: %s', async (body, line, message) => {
    const file = join(dir, 'short.hjson');
    writeFileSync(file, `{\n  ${body}\n}\n`);
    const run = await send('x', '-f', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^hologram send: ${file}${line === undefined ? '' : `:${line}`}: ${message.replace(/[()]/g, '\\$&')}`));
  });

  it('-v logs what the SDK does to stderr, with the key hidden; without it nothing is logged', async () => {
    const quiet = await send('x', '--devicekey', KEY);
    expect(quiet).toMatchObject({ code: 0, stderr: '' });
    const verbose = await send('x', '--devicekey', KEY, '-v');
    expect(verbose.code).toBe(0);
    expect(verbose.stderr).toMatch(/hologram:tcp connecting to 127\.0\.0\.1:\d+/);
    expect(verbose.stderr).toMatch(/hologram:cloud sending \d+ bytes/);
    expect(verbose.stderr).not.toContain(KEY);
    expect((await send('x', '--devicekey', KEY, '--verbose', '--verbose')).stderr).toMatch(/hologram:tcp/);
  });

  it('-vv adds the AT traffic that -v leaves out (modem simulator on a real pty)', async () => {
    const pair = await openPtyPair();
    const simulator = new ModemSimulator({ vendor: 'u-blox', model: 'SARA-U201' });
    simulator.attach(pair.stream);
    try {
      const info = await hologram('modem', 'imei', '--device', pair.path, '-v');
      expect(info.stdout).toBe('357520070000011\n');
      expect(info.stderr).toMatch(/hologram:modem /);
      expect(info.stderr).not.toMatch(/hologram:at /);
      const debug = await hologram('modem', 'imei', '--device', pair.path, '-vv');
      expect(debug.stderr).toMatch(/hologram:at .*AT\+CGSN/);
    } finally {
      await simulator.close();
      await pair.close();
    }
  });

  it('--authtype csrpsk sends with the device key; totp and sim-otp explain why they cannot; others are usage errors', async () => {
    expect(await send('x', '--devicekey', KEY, '--authtype', 'csrpsk')).toMatchObject({ code: 0, stdout: 'Message sent successfully\n' });
    for (const type of ['totp', 'sim-otp']) {
      const run = await send('x', '--authtype', type);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(new RegExp(`^hologram send: --authtype ${type} is not available: it needs Hologram's closed authentication library`));
      expect(run.stderr).toMatch(/use --authtype csrpsk \(the default\)/);
    }
    const unknown = await send('x', '--devicekey', KEY, '--authtype', 'psk');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--authtype "psk" is not known: use csrpsk \(the default\), totp or sim-otp/);
    expect(emulator.messages).toHaveLength(1);
  });

  it('a --device path that does not exist is an input error for send through the modem too', async () => {
    const run = await send('x', '--devicekey', KEY, '--network', 'cellular', '--device', '/dev/ttyNOPE');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe("hologram send: the device path /dev/ttyNOPE does not exist: check --device (the modem's AT port, e.g. /dev/ttyUSB2)\n");
  });
});
