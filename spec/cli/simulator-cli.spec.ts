import { existsSync, lstatSync, mkdtempSync, readlinkSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudEmulator } from '../../lib/testing/cloud-emulator';
import { hologram, startCli, stopCli, type RunningCli } from './cli-harness';

/**
 * `hologram simulator` as a user testing their own application runs it: the built CLI in a child
 * process makes a REAL pty (the simulator on its far end) and other `hologram` child processes open
 * it with the real serialport binding, as the user's application would. Input goes to its stdin as
 * a user types it. Build before running this alone.
 */
const KEY = 'Sim0lat0';

interface Started {
  readonly cli: RunningCli;
  /** What the first line (JSON) said. */
  readonly info: { device: string; pty: string; vendor: string; model: string; imei: string; iccid: string };
  /** The pty's slave, /dev/pts/N: gone once the simulator released it. */
  readonly tty: string;
}

describe('hologram simulator', () => {
  const running: RunningCli[] = [];
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'hologram-simulator-'));
  });
  afterEach(async () => {
    for (const cli of running.splice(0)) await stopCli(cli);
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(...args: string[]): Promise<Started> {
    const cli = startCli('simulator', '--json', ...args);
    running.push(cli);
    const info = JSON.parse(await cli.line(0)) as Started['info'];
    return { cli, info, tty: realpathSync(info.device) };
  }

  /** Sends one input line and waits for the event it prints. */
  async function type(cli: RunningCli, line: string, event: string): Promise<Record<string, unknown>> {
    const before = cli.stdout().split('\n').length - 1;
    cli.child.stdin.write(`${line}\n`);
    for (let index = before; ; index += 1) {
      const printed = JSON.parse(await cli.line(index)) as Record<string, unknown>;
      if (printed.event === event) return printed;
    }
  }

  it('prints the device of a modem of the vendor and model asked for, which any hologram command opens', async () => {
    const { cli, info, tty } = await start('--vendor', 'quectel', '--model', 'bg96', '--imei', '866425030000099');
    expect(info).toEqual({ device: expect.any(String), pty: info.device, vendor: 'quectel', model: 'BG96', imei: '866425030000099', iccid: '89445001021983048425' });
    expect(tty).toMatch(/^\/dev\/pts\/\d+$/);
    const run = await hologram('modem', 'info', '--device', info.device, '--json');
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ device: info.device, imei: '866425030000099', model: 'BG96', driver: 'quectel-bg96' });
    // The port can be opened again and again, as an application restarting would.
    expect(JSON.parse((await hologram('modem', 'imei', '--device', info.device, '--json')).stdout)).toMatchObject({ imei: '866425030000099' });

    cli.child.stdin.end();
    expect(await cli.exit).toBe(0);
    expect(existsSync(info.device)).toBe(false);
    expect(existsSync(tty)).toBe(false);
    expect(cli.stderr()).toBe('');
  });

  it('an SMS typed on stdin arrives in the modem (a long one in parts, put together by the reader); a bad line is reported and skipped', async () => {
    const { cli, info } = await start();
    expect(await type(cli, 'sms +15551234567 hello from  the test', 'sms-arrived')).toEqual({
      event: 'sms-arrived',
      sender: '+15551234567',
      text: 'hello from  the test',
      parts: 1,
      stored: [expect.any(Number)],
    });
    cli.child.stdin.write('sms\nsignal 40\nsms ThisSenderIsTooLong hi\nfrobnicate now\n');
    await cli.stderrMatching(/unknown command "frobnicate"/);
    expect(cli.stderr()).toMatch(/sms needs a sender and a text/);
    expect(cli.stderr()).toMatch(/hologram simulator: rssi must be 0\.\.31 or 99, got 40/);
    expect(cli.stderr()).toMatch(/Invalid SMS sender "ThisSenderIsTooLong": alphanumeric addresses hold at most 11 characters/);
    const long = `${'A long message. '.repeat(15)}the end`;
    expect(await type(cli, `sms InfoSMS ${long}`, 'sms-arrived')).toMatchObject({ sender: 'InfoSMS', parts: 2, stored: [expect.any(Number), expect.any(Number)] });

    const listed = await hologram('modem', 'sms', 'list', '--device', info.device, '--json');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { from: '+15551234567', text: 'hello from  the test', parts: 1, complete: true },
      { from: 'InfoSMS', text: long, parts: 2, complete: true },
    ]);

    cli.child.stdin.write('quit\n');
    expect(await cli.exit).toBe(0);
  });

  it('an application waiting for SMS (hologram receive --sms) gets the one typed while it runs', async () => {
    const { cli, info } = await start('--vendor', 'quectel');
    const receiver = startCli('receive', '--sms', '--device', info.device, '--json', '--count', '1');
    running.push(receiver);
    expect(JSON.parse(await receiver.line(0))).toMatchObject({ listening: { via: 'sms', device: info.device } });
    await type(cli, 'sms +15550001111 are you there?', 'sms-arrived');
    expect(JSON.parse(await receiver.line(1))).toMatchObject({ from: '+15550001111', text: 'are you there?' });
    expect(await receiver.exit).toBe(0);
    cli.child.stdin.end();
    expect(await cli.exit).toBe(0);
  });

  it('prints the SMS the host sends, and takes signal and registration changes from stdin', async () => {
    const { cli, info } = await start('--vendor', 'u-blox', '--model', 'R410');
    expect(info.model).toBe('SARA-R410M-02B');
    const sent = await hologram('modem', 'sms', 'send', '+15557654321', 'sent by the app', '--device', info.device);
    expect(sent.code).toBe(0);
    expect(JSON.parse(await cli.lineMatching(/sms-sent/))).toMatchObject({ event: 'sms-sent', destination: '+15557654321', text: 'sent by the app', part: null });

    await type(cli, 'signal 7', 'signal');
    await type(cli, 'registration roaming', 'registration');
    const status = await hologram('modem', 'info', '--device', info.device, '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ signal: { raw: 7 }, registration: { stat: 5, state: 'roaming' } });
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops on %s with exit 0, releasing the pty and removing its --link', async (signal) => {
    const link = join(dir, 'ttyTEST');
    const { cli, info, tty } = await start('--link', link, '--ignore-stdin');
    expect(info.device).toBe(link);
    expect(readlinkSync(link)).toBe(info.pty);
    expect(JSON.parse((await hologram('modem', 'imei', '--device', link, '--json')).stdout)).toMatchObject({ imei: info.imei });
    // stdin is not read: its end does not stop it.
    cli.child.stdin.end();
    // Still serving after that: another command reaches the modem (a CLI start is far slower than the end of stdin).
    expect(JSON.parse((await hologram('modem', 'imei', '--device', link, '--json')).stdout)).toMatchObject({ imei: info.imei });
    expect(cli.child.exitCode).toBeNull();
    cli.child.kill(signal);
    expect(await cli.exit).toBe(0);
    expect(existsSync(tty)).toBe(false);
    expect(() => lstatSync(link)).toThrow();
    expect(existsSync(info.pty)).toBe(false);
  });

  it('routes the sockets the host opens with --connect-to: hologram send through the simulated modem reaches a cloud emulator', async () => {
    const emulator = new CloudEmulator({ deviceKeys: [KEY] });
    const port = await emulator.listen();
    try {
      const { cli, info } = await start('--connect-to', `127.0.0.1:${port}`, '--trace');
      const run = await hologram('send', 'via the simulator', '-t', 'sim', '--network', 'cellular', '--device', info.device, '--devicekey', KEY, '--json');
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toMatchObject({ message: 'via the simulator', ok: true });
      expect(emulator.messages.map((frame) => [frame.data, frame.topics])).toEqual([['via the simulator', ['sim']]]);
      expect(JSON.parse(await cli.lineMatching(/AT\+USOCO/))).toEqual({ event: 'at', command: expect.stringMatching(/^AT\+USOCO=\d+,"cloudsocket\.hologram\.io",9999/) });
      // The device key travels in the socket's bytes, never in what the simulator prints.
      const write = JSON.parse(await cli.lineMatching(/AT\+USOWR/)) as { command: string };
      expect(write.command).toMatch(/^AT\+USOWR=\d+,\d+,<\d+ bytes>$/);
      expect(cli.stdout()).not.toContain(KEY);
      expect(cli.stdout()).not.toContain(Buffer.from(KEY).toString('hex').toUpperCase());
      cli.child.kill('SIGINT');
      expect(await cli.exit).toBe(0);
    } finally {
      await emulator.close();
    }
  });

  it('refuses bad options with exit 2, and an existing --link path with exit 1, leaving no pty behind', async () => {
    const cases: [string[], RegExp][] = [
      [['--vendor', 'nokia'], /--vendor must be u-blox or quectel, got "nokia"/],
      [['--vendor', 'quectel', '--model', 'SARA'], /unknown quectel model "SARA" \(known: BG96, EC21\)/],
      [['--imei', '12345'], /--imei must be 15 digits, got "12345"/],
      [['--connect-to', 'localhost'], /--connect-to must be HOST:PORT, got "localhost"/],
      [['--connect-to', 'localhost:99999'], /--connect-to must be a port number from 1 to 65535/],
      [['extra'], /unexpected argument "extra"/],
    ];
    for (const [args, message] of cases) {
      const run = await hologram('simulator', ...args);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
    const taken = join(dir, 'taken');
    writeFileSync(taken, 'not a device');
    const cli = startCli('simulator', '--link', taken);
    running.push(cli);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toMatch(new RegExp(`cannot make the link ${taken} \\(EEXIST\\): it exists already`));
    expect(cli.stdout()).toBe('');
  });

  it('--help lists the stdin commands', async () => {
    const run = await hologram('simulator', '--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/sms SENDER TEXT/);
    expect(run.stdout).toMatch(/--connect-to HOST:PORT/);
    expect((await hologram('--help')).stdout).toMatch(/simulator\s+run a simulated cellular modem/);
  });
});
