// Message mode tcp-other: raw bytes to a server of your choice, and its reply text back. Here the
// server is the cloud socket itself, so the bytes are a frame written by hand.
import { Credentials, Hologram } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const raw = new Hologram(new Credentials(), { messageMode: 'tcp-other', sendHost: cloud.host, sendPort: cloud.port });
  console.log(`mode ${raw.messageMode}, authentication ${raw.authentication}`);

  const frame = `${JSON.stringify({ k: cloud.credentials.deviceKey, d: 'hello from tcp-other' })}\r\r`;
  const result = await raw.sendMessage(frame);
  console.log(`server replied: ${result.reply}`);

  await raw.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
