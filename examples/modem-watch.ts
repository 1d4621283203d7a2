/**
 * Watch a modem's signal and registration live. The modem here is the SDK's simulator on a pty
 * pair, so the example runs anywhere; on a device, use `Modem.open('/dev/ttyUSB2')` instead.
 * Run: `npm run build && node dist/examples/modem-watch.js`.
 */
import { Modem } from '../lib/modem/modem';
import { ModemSimulator, openPtyPair } from '../lib/testing';

async function main(): Promise<void> {
  const pair = await openPtyPair();
  const simulator = new ModemSimulator({ vendor: 'quectel', model: 'BG96' });
  simulator.attach(pair.stream);

  const modem = await Modem.open(pair.path, { signalIntervalMs: 200 });
  const identity = await modem.identity();
  console.log(`${identity.manufacturer} ${identity.model}, IMEI ${identity.imei}, ICCID ${identity.iccid}`);

  const subscription = modem.status$.subscribe((status) => {
    const signal = status.signal === undefined ? '-' : status.signal.rssiDbm === undefined ? 'unknown' : `${status.signal.rssiDbm} dBm`;
    console.log(`signal ${signal}, ${status.registration?.state ?? '-'}, operator ${status.operator?.name ?? '-'}`);
  });

  // The world changes: weaker signal, roaming, lost network, back home.
  const steps: Array<() => void> = [
    () => simulator.setSignal(8),
    () => simulator.setRegistration(5),
    () => simulator.setRegistration(2),
    () => simulator.setRegistration(1),
    () => simulator.setSignal(28),
  ];
  for (const step of steps) {
    step();
    await new Promise((resolve) => setTimeout(resolve, 400));
  }

  subscription.unsubscribe();
  await modem.close();
  await simulator.close();
  await pair.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
