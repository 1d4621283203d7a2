import { hologram, sendInbound, startCli } from './cli-harness';

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

  // That the run lasts 1e12 ms is shown in virtual time by until-stopped.spec.ts; here, that the
  // built CLI takes the value and keeps receiving, without waiting on the wall clock.
  it('receive --timeout 1e12 (how long to run) works: it keeps receiving, no TimeoutOverflowWarning', async () => {
    const run = startCli('receive', '--host', '127.0.0.1', '--port', '0', '--json', '--timeout', '1e12');
    const { listening } = JSON.parse(await run.line(0)) as { listening: { port: number } };
    // A single overflowing timer prints TimeoutOverflowWarning as it is set (checked below) and
    // fires after 1 ms: the run would end before a message made it through TCP and was printed.
    await sendInbound(listening.port, 'still here');
    expect(JSON.parse(await run.line(1))).toMatchObject({ text: 'still here' });
    expect(run.child.exitCode).toBeNull();
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).not.toMatch(/TimeoutOverflowWarning/);
  });
});
