import { ModemSimulator, openPtyPair, type ModemSimulatorOptions } from 'hologram-rx/testing';

/**
 * The serial port the modem examples open: the SDK's modem simulator on one end of a pty pair, so
 * every example runs anywhere. On a device the port is the modem's own (`/dev/ttyUSB2`, or
 * `Modem.detect()`) and none of this is needed. `close()` stops the simulator, then the pty.
 */
export async function exampleModemPort(options: ModemSimulatorOptions): Promise<{
  path: string;
  simulator: ModemSimulator;
  close(): Promise<void>;
}> {
  const pair = await openPtyPair();
  const simulator = new ModemSimulator(options);
  simulator.attach(pair.stream);
  return {
    path: pair.path,
    simulator,
    close: async () => {
      await simulator.close();
      await pair.close();
    },
  };
}
