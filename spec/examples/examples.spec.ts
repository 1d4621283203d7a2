import { execFile } from 'node:child_process';
import { join } from 'node:path';

/** Each built example, run as users run it (`npm test` builds first), with what it must print. */
const EXAMPLES: readonly { name: string; output: RegExp[] }[] = [
  { name: 'send', output: [/SDK version \d+\.\d+\.\d+/, /ERR_OK \(0\): Message sent successfully/] },
  { name: 'tcp-other', output: [/mode tcp-other, authentication none/, /server replied: \[0,0\]/] },
  { name: 'events', output: [/message\.sent: "delivered" ERR_OK/, /message\.failed: ERR_AUTHINVALID/] },
  { name: 'sms', output: [/SMS: ERR_OK \(0\)/, /refused: SMS destination "11234567890" is not a phone number/] },
  { name: 'modem-watch', output: [/Quectel BG96, IMEI 866425030000033/, /signal -97 dBm, roaming/, /signal -57 dBm, home, operator T-Mobile/] },
  { name: 'modem-sms', output: [/sent in 1 part\(s\)/, /received from \+15555550199 \(2 parts, complete: true\): Reply from the field team/] },
  { name: 'stream', output: [/\{"temperature":20\} -> ERR_OK/, /\{"temperature":24\} -> ERR_OK/, /received 5 messages/] },
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
