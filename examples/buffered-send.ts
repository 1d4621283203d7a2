// Messages sent while the network is down wait in the outbox and go out, in order, once it is up.
import { filter, firstValueFrom } from 'rxjs';
import { Hologram } from 'hologram-rx';
import { ManualNetwork } from 'hologram-rx/network';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  // A network whose state this script sets; on a device use 'cellular', 'wifi' or 'ethernet'.
  const network = new ManualNetwork({ connected: false });
  const hologram = new Hologram(cloud.credentials, { network, sendHost: cloud.host, sendPort: cloud.port });

  hologram.event.subscribe('message.buffered', ({ message, pending }) => console.log(`buffered "${message.data}" (${pending} waiting)`));
  hologram.event.subscribe('network.connected', () => console.log('network connected'));
  hologram.event.subscribe('message.sent', (result) => console.log(`sent "${result.message.data}": ${result.name}`));

  const delivered = ['reading 1', 'reading 2', 'reading 3'].map((reading) => hologram.sendMessage(reading, ['sensors']));
  await firstValueFrom(hologram.outbox.stats$.pipe(filter((stats) => stats.pendingCount === 3)));
  console.log(`offline: ${hologram.outbox.stats().pendingCount} messages held, ${cloud.emulator?.connectionCount ?? 0} connections made`);

  network.setConnected(true);
  await Promise.all(delivered);
  const stats = hologram.outbox.stats();
  console.log(`summary: delivered ${stats.delivered}, pending ${stats.pendingCount}, failed ${stats.failed}, dropped ${stats.dropped}`);

  await hologram.close();
  await network.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
