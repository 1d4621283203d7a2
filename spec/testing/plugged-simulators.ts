import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../lib/testing/pty-pair';

/** Simulated modems each on a REAL pty, as several USB modems (or ports) on one device; closed together. */
export class PluggedSimulators {
  readonly pairs: PtyPair[] = [];
  readonly simulators: ModemSimulator[] = [];

  /** A new pty with a simulator on its far end; resolves with the pty (open its `path`). */
  async plug(options: ModemSimulatorOptions): Promise<PtyPair> {
    const pair = await openPtyPair();
    const simulator = new ModemSimulator(options);
    simulator.attach(pair.stream);
    this.pairs.push(pair);
    this.simulators.push(simulator);
    return pair;
  }

  async close(): Promise<void> {
    for (const simulator of this.simulators.splice(0)) await simulator.close();
    for (const pair of this.pairs.splice(0)) await pair.close();
  }
}
