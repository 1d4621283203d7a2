// Send a message with topics and print the cloud's answer.
import { Hologram } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const hologram = new Hologram(cloud.credentials, { sendHost: cloud.host, sendPort: cloud.port });
  console.log(`SDK version ${hologram.getSDKVersion()}, sending to ${hologram.sendHost}:${hologram.sendPort}`);

  const result = await hologram.sendMessage('msg1', ['TOPIC 1', 'TOPIC 2']);
  console.log(`${result.name} (${result.code}): ${result.description}`);

  await hologram.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
