/**
 * Watch a modem's signal and registration live. The modem here is the SDK's simulator on a pty
 * pair, so the example runs anywhere; on a device, use `Modem.open('/dev/ttyUSB2')` instead.
 * Run: `npm run build && node dist/examples/modem-watch.js`.
 */
import { Modem } from 'hologram-rx';
import { exampleModemPort } from './example-modem-port';

async function main(): Promise<void> {
  const port = await exampleModemPort({ vendor: 'quectel', model: 'BG96' });
  const { simulator } = port;
  const modem = await Modem.open(port.path, { signalIntervalMs: 200 });
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
  await port.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
