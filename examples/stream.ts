// Pipe a stream of readings into send$; results$ gives one result per message, in order.
import { interval, map, take, toArray, lastValueFrom } from 'rxjs';
import { Hologram } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const hologram = new Hologram(cloud.credentials, { sendHost: cloud.host, sendPort: cloud.port });

  const readings = 5;
  const results = lastValueFrom(hologram.results$.pipe(take(readings), toArray()));
  interval(10)
    .pipe(
      take(readings),
      map((i) => ({ data: JSON.stringify({ temperature: 20 + i }), topics: ['sensors'] })),
    )
    .subscribe(hologram.send$);

  for (const result of await results) console.log(`${result.message.data} -> ${result.name}`);
  if (cloud.emulator) console.log(`the emulator received ${cloud.emulator.messages.length} messages`);

  await hologram.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
