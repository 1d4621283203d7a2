import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** Each built example, run as users run it (`npm test` builds first), with what it must print. */
const EXAMPLES: readonly { name: string; output: RegExp[] }[] = [
  { name: 'send', output: [/SDK version \d+\.\d+\.\d+/, /ERR_OK \(0\): Message sent successfully/] },
  { name: 'tcp-other', output: [/mode tcp-other, authentication none/, /server replied: \[0,0\]/] },
  { name: 'events', output: [/message\.sent: "delivered" ERR_OK/, /message\.failed: ERR_AUTHINVALID/, /sendMessage rejected: code 3/] },
  { name: 'sms', output: [/SMS: ERR_OK \(0\)/, /refused: SMS destination "11234567890" is not a phone number/] },
  { name: 'modem-watch', output: [/Quectel BG96, IMEI 866425030000033/, /signal -97 dBm, roaming/, /signal -57 dBm, home, operator T-Mobile/] },
  { name: 'modem-sms', output: [/sent in 1 part\(s\)/, /received from \+15555550199 \(2 parts, complete: true\): Reply from the field team/] },
  { name: 'stream', output: [/\{"temperature":20\} -> ERR_OK/, /\{"temperature":24\} -> ERR_OK/, /received 5 messages/] },
  {
    name: 'buffered-send',
    output: [/buffered "reading 3" \(3 waiting\)/, /offline: 3 messages held, 0 connections made/, /sent "reading 1": ERR_OK[\s\S]*sent "reading 3": ERR_OK/, /summary: delivered 3, pending 0, failed 0, dropped 0/],
  },
  {
    name: 'durable-outbox',
    output: [/first run: 5 messages in .*outbox\.db, none sent/, /after restart: 5 messages waiting/, /resumed "reading 1" -> ERR_OK[\s\S]*resumed "reading 5" -> ERR_OK/, /summary: delivered 5, pending 0/],
  },
  {
    name: 'demo',
    output: [
      /modem ready: u-blox SARA-U201/,
      /network connected \(u-blox AT sockets/,
      /network lost: registration lost/,
      /message\.buffered \{"reading":10,[^\n]*\(5 waiting in the outbox\)/,
      /held while offline {11}5\n/,
      /draining \d+ buffered readings/,
      /SMS received from \+15555550123: "Set interval to 5 min"/,
      /the modem transmitted to \+15555550123: "OK: interval 5 min, 21\.4 °C"/,
      /message received over the modem \(port 4010\)[^\n]*"firmware 1\.2\.1 available"/,
      /received by the cloud {8}16: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n/,
      /duplicates {19}0\n {2}lost {25}none/,
      /every reading arrived exactly once, in order/,
    ],
  },
  { name: 'periodic', output: [/periodic message running: true/, /("heartbeat" -> ERR_OK\n){3}/, /periodic message running: false/] },
];

const ROOT = join(__dirname, '..', '..');

describe('examples', () => {
  it.each(EXAMPLES)('$name runs against its own emulator and exits 0', async ({ name, output }) => {
    const env = { ...process.env };
    delete env.HOLOGRAM_HOST;
    delete env.HOLOGRAM_PORT;
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(process.execPath, [join(ROOT, 'dist', 'examples', `${name}.js`)], { cwd: ROOT, env }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      ),
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const pattern of output) expect(run.stdout).toMatch(pattern);
  });
});
