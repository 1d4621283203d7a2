// A durable outbox keeps accepted messages across restarts and power cuts: accept while offline,
// "restart" (close and open a new Hologram on the same file), and the new one delivers them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { filter, firstValueFrom, lastValueFrom, take, toArray } from 'rxjs';
import { Hologram, type Credentials } from 'hologram-rx';
import { ManualNetwork } from 'hologram-rx/network';
import { exampleCloud } from './example-cloud';

function device(credentials: Credentials, host: string, port: number, path: string, network: ManualNetwork): Hologram {
  return new Hologram(credentials, { network, outbox: { path, maxMessages: 10_000 }, sendHost: host, sendPort: port });
}

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const directory = mkdtempSync(join(tmpdir(), 'hologram-example-'));
  const path = join(directory, 'outbox.db');
  try {
    // First run: no network; five readings are accepted (on disk once accepted), then the process "stops".
    const offline = new ManualNetwork({ connected: false });
    const first = device(cloud.credentials, cloud.host, cloud.port, path, offline);
    for (let i = 1; i <= 5; i++) first.send$.next({ data: `reading ${i}`, topics: ['durable'] });
    await firstValueFrom(first.outbox.stats$.pipe(filter((stats) => stats.pendingCount === 5)));
    console.log(`first run: ${first.outbox.stats().pendingCount} messages in ${path}, none sent`);
    await first.close();
    await offline.close();

    // Second run, same file: the messages are still there and go out once the network is up.
    const network = new ManualNetwork({ connected: false });
    const second = device(cloud.credentials, cloud.host, cloud.port, path, network);
    const results = lastValueFrom(second.results$.pipe(take(5), toArray()));
    console.log(`after restart: ${second.outbox.stats().pendingCount} messages waiting`);
    network.setConnected(true);
    for (const result of await results) console.log(`resumed "${result.message.data}" -> ${result.name}`);
    console.log(`summary: delivered ${second.outbox.stats().delivered}, pending ${second.outbox.stats().pendingCount}`);
    await second.close();
    await network.close();
  } finally {
    rmSync(directory, { recursive: true, force: true });
    await cloud.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
