import { ProgressReporter } from '../../lib/cli/progress-reporter';
import { VirtualClock } from '../../lib/testing';

/** The status line in virtual time: what is written to the terminal, and when. */

function setup(enabled = true) {
  const clock = new VirtualClock();
  const written: Array<[number, string]> = [];
  const reporter = new ProgressReporter({ isTTY: true, write: (text: string) => written.push([clock.now(), text]) }, enabled, clock);
  return { clock, written, reporter };
}

describe('ProgressReporter', () => {
  it('draws at once, redraws every 200 ms with the next frame, keeps the start of a wait of the same kind', async () => {
    const { clock, written, reporter } = setup();
    reporter.show({ kind: 'connecting', reason: 'registering' });
    await clock.advance(1000);
    reporter.show({ kind: 'connecting', reason: 'bringing the data context up' });
    await clock.advance(400);
    expect(written).toEqual([
      [0, '\r\x1b[K⠋ connecting: registering… (0 s)'],
      [200, '\r\x1b[K⠙ connecting: registering… (0 s)'],
      [400, '\r\x1b[K⠹ connecting: registering… (0 s)'],
      [600, '\r\x1b[K⠸ connecting: registering… (0 s)'],
      [800, '\r\x1b[K⠼ connecting: registering… (0 s)'],
      [1000, '\r\x1b[K⠴ connecting: registering… (1 s)'],
      [1000, '\r\x1b[K⠴ connecting: bringing the data context up… (1 s)'],
      [1200, '\r\x1b[K⠦ connecting: bringing the data context up… (1 s)'],
      [1400, '\r\x1b[K⠧ connecting: bringing the data context up… (1 s)'],
    ]);
    reporter.clear();
  });

  it('restarts the elapsed time for another kind of wait; clear() erases once and stops; show() starts again', async () => {
    const { clock, written, reporter } = setup();
    reporter.show({ kind: 'opening' });
    await clock.advance(2000);
    reporter.show({ kind: 'draining', pending: 3 });
    expect(written.at(-1)).toEqual([2000, expect.stringMatching(/sending 3 buffered messages… \(0 s\)$/)]);
    reporter.clear();
    reporter.clear();
    await clock.advance(1000);
    expect(written.at(-1)).toEqual([2000, '\r\x1b[K']);
    expect(written.filter(([, text]) => text === '\r\x1b[K')).toEqual([[2000, '\r\x1b[K']]); // once, and no tick after it
    reporter.show({ kind: 'draining', pending: 1 });
    await clock.advance(1000);
    expect(written.at(-1)).toEqual([4000, expect.stringMatching(/sending 1 buffered message… \(1 s\)$/)]);
    reporter.clear();
  });

  it('writes nothing when not enabled (a pipe, --json)', async () => {
    const { clock, written, reporter } = setup(false);
    reporter.show({ kind: 'waiting', what: 'waiting for the network' });
    await clock.advance(1000);
    reporter.clear();
    expect(written).toEqual([]);
  });
});
