import { firstValueFrom, filter, type Observable, timeout } from 'rxjs';
import { Modem, type ModemOptions } from '../../lib/modem/modem';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator, type ModemSimulatorOptions } from '../../lib/testing/modem-simulator';

/** A modem simulator and a Modem talking over an in-process duplex pair. */
export interface Harness {
  readonly simulator: ModemSimulator;
  readonly modem: Modem;
  close(): Promise<void>;
}

export async function openHarness(simulatorOptions: ModemSimulatorOptions = {}, modemOptions: ModemOptions = {}): Promise<Harness> {
  const simulator = new ModemSimulator(simulatorOptions);
  const [host, device] = duplexPair();
  simulator.attach(device);
  const modem = await Modem.fromStream(host, modemOptions);
  return {
    simulator,
    modem,
    async close() {
      await modem.close();
      await simulator.close();
    },
  };
}

/** The first value matching `predicate`; fails the test after 5 s instead of hanging it. */
export function next<T>(source: Observable<T>, predicate: (value: T) => boolean = () => true): Promise<T> {
  return firstValueFrom(source.pipe(filter(predicate), timeout(5000)));
}

/** Resolves once the simulator has received `count` commands matching `predicate` (past ones count). */
export function commandsSeen(simulator: ModemSimulator, predicate: (command: string) => boolean, count = 1): Promise<string[]> {
  const matching = () => simulator.received.commands.filter(predicate);
  if (matching().length >= count) return Promise.resolve(matching());
  return next(simulator.commands$, () => matching().length >= count).then(() => matching());
}
