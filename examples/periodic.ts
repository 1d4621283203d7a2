// Send the same message every second through the outbox (buffered like any other while offline).
import { lastValueFrom, take, toArray } from 'rxjs';
import { Hologram } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const hologram = new Hologram(cloud.credentials, { sendHost: cloud.host, sendPort: cloud.port });

  const results = lastValueFrom(hologram.results$.pipe(take(3), toArray()));
  hologram.sendPeriodicMessage(1, 'heartbeat', ['periodic']);
  console.log(`periodic message running: ${hologram.periodicMessageRunning()}`);
  for (const result of await results) console.log(`"${result.message.data}" -> ${result.name}`);
  hologram.stopPeriodicMessage();
  console.log(`periodic message running: ${hologram.periodicMessageRunning()}`);

  await hologram.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
