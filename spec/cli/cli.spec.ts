import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { runCli, startCli, type CliRun } from './cli-harness';

/** The built CLI with its debug log on, so that the device key is also checked against the log. */
const hologram = (...args: string[]): Promise<CliRun> => runCli(args, { env: { ...process.env, DEBUG: 'hologram:*' } });

const KEY = 'Zq8wKx3m';

describe('hologram CLI', () => {
  let emulator: CloudEmulator;
  let port: string;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hologram-cli-'));
  });
  beforeEach(async () => {
    emulator = new CloudEmulator({ deviceKeys: [KEY] });
    port = String(await emulator.listen());
  });
  afterEach(() => emulator.close());

  it('sends several messages in order with topics, one line each, exit 0', async () => {
    const run = await hologram('send', 'first', 'second message', '-t', 'a', '--topic', 'TOPIC 1', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port);
    expect(run).toMatchObject({ code: 0, stdout: '[1] "first": Message sent successfully\n[2] "second message": Message sent successfully\n' });
    expect(emulator.messages.map((frame) => [frame.data, frame.topics])).toEqual([
      ['first', ['a', 'TOPIC 1']],
      ['second message', ['a', 'TOPIC 1']],
    ]);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('prints one JSON object per message with --json and exits 1 when the cloud refuses', async () => {
    emulator.faults.answerCode = 8;
    const run = await hologram('send', 'x', '--cloud-id', KEY.slice(0, 4), '--cloud-key', KEY.slice(4), '--host', '127.0.0.1', '-p', port, '--json');
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { message: 'x', code: 8, name: 'ERR_TOPICINVALID', description: expect.stringContaining('Topic'), ok: false },
    ]);
    expect(run.stdout + run.stderr).not.toContain(KEY);
  });

  it('exits 1 with the reason when nothing listens', async () => {
    await emulator.refuseConnections(true);
    const run = await hologram('send', 'x', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--timeout', '2');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/No reply: connection refused by 127\.0\.0\.1/);
    expect(run.stderr).toMatch(/nothing accepts connections at 127\.0\.0\.1:\d+: check --host and --port/);
  });

  it('with --retries N tries a transiently failing message N more times, then exits 1 with the last result', async () => {
    emulator.faults.answerCode = 6;
    const run = await hologram('send', 'x', 'y', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--retries', '1', '--json');
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n').map((line) => JSON.parse(line))).toEqual([
      { message: 'x', code: 6, name: 'ERR_INTERNAL', description: expect.stringContaining('internal error'), ok: false },
      { message: 'y', code: 6, name: 'ERR_INTERNAL', description: expect.stringContaining('internal error'), ok: false },
    ]);
    // Each message twice, in order, never the next one before the previous settled.
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['x', 'x', 'y', 'y']);
  });

  it('delivers on a retry when the cloud recovers, exit 0', async () => {
    emulator.faults.answerCode = 6;
    const recovered = new Promise<void>((resolve) =>
      emulator.received$.subscribe(() => {
        emulator.faults.answerCode = undefined;
        resolve();
      }),
    );
    const run = await hologram('send', 'again', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--retries', '1');
    await recovered;
    expect(run).toMatchObject({ code: 0, stdout: 'Message sent successfully\n' });
    expect(emulator.messages.map((frame) => [frame.data, frame.code])).toEqual([
      ['again', 6],
      ['again', 0],
    ]);
  });

  it('loads neither better-sqlite3 nor serialport for hologram send (start-up stays fast)', async () => {
    const hook = join(dir, 'list-modules.js');
    writeFileSync(hook, "process.on('exit', () => process.stderr.write('MODULES ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));\n");
    const run = await runCli(['send', 'm', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port], { nodeArgs: ['-r', hook] });
    expect(run.code).toBe(0);
    const modules = JSON.parse(/MODULES (.*)/.exec(run.stderr)?.[1] ?? '[]') as string[];
    // The CLI runs as one bundle (dist/hologram-cli.js); what it requires on its own is listed here.
    expect(modules.some((path) => path.endsWith('/bin/hologram.js'))).toBe(true);
    expect(modules.filter((path) => /better-sqlite3|serialport|node_modules/.test(path))).toEqual([]);
  });

  it('reads credentials, host and port from an HJSON file; flags override it', async () => {
    const file = join(dir, 'credentials.hjson');
    writeFileSync(file, `{\n  // the device\n  cloud_id: ${KEY.slice(0, 4)}\n  cloud_key: ${KEY.slice(4)}\n  host: 127.0.0.1\n  port: 1\n}\n`);
    const run = await hologram('send', 'from file', '-f', file, '-p', port);
    expect(run.code).toBe(0);
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['from file']);
  });

  it.each([
    ['a malformed file', '{\n  cloud_id: "abcd"\n  cloud_key: [\n}\n', /bad\.hjson:4: not valid HJSON/],
    ['an unknown field', '{\n  cloud_id: "abcd"\n  colud_key: "efgh"\n}\n', /bad\.hjson:3: unknown field "colud_key"/],
    ['a wrong type', '{\n  cloud_id: "abcd"\n  cloud_key: 1234\n}\n', /bad\.hjson:3: cloud_key must be a string/],
  ])('exits 2 naming file and line for %s, making no connection', async (_name, text, message) => {
    const file = join(dir, 'bad.hjson');
    writeFileSync(file, text);
    const run = await hologram('send', 'x', '-f', file, '--host', '127.0.0.1', '-p', port);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(emulator.connectionCount).toBe(0);
  });

  it('exits 2 for a missing config file, naming it', async () => {
    const run = await hologram('send', 'x', '-f', join(dir, 'nope.hjson'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nope\.hjson: cannot read the config file \(ENOENT\): check the path/);
  });

  it.each([
    [['send', 'x', '--devicekey', 'short', '--host', '127.0.0.1', '-p', 'PORT'], /deviceKey must be 8 characters, got 5/],
    [['send', 'x', '--cloud_id', 'abcd', '--host', '127.0.0.1', '-p', 'PORT'], /--cloud_id and --cloud_key go together/],
    [['send', '--devicekey', KEY, '--host', '127.0.0.1', '-p', 'PORT'], /no message given/],
    [['send', 'x', '--devicekey', KEY, '-p', 'abc'], /--port must be a port number from 1 to 65535, got "abc"/],
    [['send', 'x', '--devicekey', KEY, '--mode', 'raw', '-p', 'PORT'], /--mode raw is not a message mode/],
    [['send', 'x', '--devicekey', KEY, '--bogus'], /unknown option --bogus \(see hologram send --help\)/],
    [['send', 'x', '--devicekey', KEY, '--timeout', '0', '-p', 'PORT'], /--timeout must be a positive number/],
    [['send', 'x', '--devicekey', KEY, '--retries=-1', '-p', 'PORT'], /--retries must be a whole number from 0 to 1000, got "-1"/],
    [['send', 'x', '--devicekey', KEY, '--retries', 'many', '-p', 'PORT'], /--retries must be a whole number/],
    [['sms', 'hi', '--destination', '12345', '--devicekey', KEY, '--host', '127.0.0.1', '-p', 'PORT'], /destination "12345" is not a phone number/],
    [['sms', 'x'.repeat(161), '--destination', '+12345', '--devicekey', KEY, '--host', '127.0.0.1', '-p', 'PORT'], /161 characters/],
    [['sms', 'hi', '--destination', '+12345', '--host', '127.0.0.1', '-p', 'PORT'], /needs credentials/],
    [['nosuch'], /unknown command "nosuch"/],
  ])('exits 2 for bad usage %j with a message saying what to do, no connection', async (args, message) => {
    const run = await hologram(...args.map((arg) => (arg === 'PORT' ? port : arg)));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stdout).toBe('');
    expect(emulator.connectionCount).toBe(0);
    expect(run.stderr).not.toContain(KEY);
  });

  it('sends to a server of your choice with --mode tcp-other, which needs host and port', async () => {
    const missing = await hologram('send', 'x', '--mode', 'tcp-other');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--mode tcp-other sends to a server of your choice: give --host and --port/);
    const run = await hologram('send', `{"k":"${KEY}","d":"raw"}\r\r`, '--mode', 'tcp-other', '--host', '127.0.0.1', '-p', port);
    expect(run).toMatchObject({ code: 0, stdout: '[0,0]\n' });
    expect(emulator.messages.map((frame) => frame.data)).toEqual(['raw']);
  });

  it('sends an SMS', async () => {
    const run = await hologram('sms', 'hey there!', '--destination', '+11234567890', '--devicekey', KEY, '--host', '127.0.0.1', '-p', port, '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ destination: '+11234567890', code: 0, ok: true });
    expect(emulator.received).toMatchObject([{ kind: 'sms', body: 'hey there!' }]);
  });

  it('prints the version', async () => {
    expect(await hologram('version')).toMatchObject({ code: 0, stdout: `${require('../../package.json').version}\n` });
  });

  it.each(['send', 'sms', 'version', 'emulator'])('has --help for %s', async (name) => {
    const run = await hologram(name, '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: hologram ${name}`));
  });

  it('lists the commands with --help and exits 2 with no command', async () => {
    expect((await hologram('--help')).stdout).toMatch(/send .*\n.*sms/);
    expect((await hologram()).code).toBe(2);
  });

  it('runs the emulator in the foreground, printing frames with the key hidden', async () => {
    const run = startCli('emulator', '--port', '0', '--devicekey', KEY, '--json');
    const emulatorPort = String(JSON.parse(await run.line(0)).listening.port);
    const sent = await hologram('send', 'to the emulator', '--devicekey', KEY, '--host', '127.0.0.1', '-p', emulatorPort);
    expect(sent.code).toBe(0);
    const refused = await hologram('send', 'bad key', '--devicekey', 'aaaaaaaa', '--host', '127.0.0.1', '-p', emulatorPort);
    expect(refused.code).toBe(1);
    const message = await run.line(1);
    const invalid = await run.line(2);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    // Every field received, the metadata too: `hologram send` has no modem, so it is `agnostic`.
    const { version } = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    expect(JSON.parse(message)).toEqual({
      kind: 'message',
      deviceKey: '********',
      data: 'to the emulator',
      topics: [],
      metadata: { value: `\u0001agnostic-${version}`, modemType: 'agnostic', sdkVersion: version },
      code: 0,
      name: 'ERR_OK',
    });
    expect(JSON.parse(invalid)).toMatchObject({ kind: 'invalid', code: 3, name: 'ERR_AUTHINVALID' });
    expect(run.stdout()).not.toContain(KEY);
    expect(run.stdout()).not.toContain('aaaaaaaa');
  });
});
