import { hologram, startCli } from './cli-harness';

/**
 * Durations far beyond a Node timer (2^31-1 ms) on the built CLI: either they work (a run
 * duration: chained timers) or they are refused naming the limit, never Node's
 * `TimeoutOverflowWarning` and a timer that fires after 1 ms.
 */
const KEY = 'Zq8wKx3m';

describe('long durations on the command line', () => {
  it('send --timeout 1e12 (a connect and reply timeout: one timer) is refused naming the limit, exit 2, no TimeoutOverflowWarning', async () => {
    const run = await hologram('send', 'x', '--devicekey', KEY, '--host', '127.0.0.1', '-p', '9', '--timeout', '1e12');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--timeout must be a number of seconds above 0 up to 2147483 (about 24.8 days, the longest timer), got 1000000000000');
    expect(run.stderr).not.toMatch(/TimeoutOverflowWarning/);
  });

  it('receive --timeout 1e12 (how long to run) works: still running after a second, no TimeoutOverflowWarning', async () => {
    const run = startCli('receive', '--host', '127.0.0.1', '--port', '0', '--json', '--timeout', '1e12');
    await run.line(0); // listening
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(run.child.exitCode).toBeNull(); // a single timer would have fired after 1 ms and ended it
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).not.toMatch(/TimeoutOverflowWarning/);
  });
});
