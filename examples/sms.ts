// Send an SMS through the cloud; bad input is refused before any connection.
import { Hologram } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const hologram = new Hologram(cloud.credentials, { sendHost: cloud.host, sendPort: cloud.port });

  const result = await hologram.sendSMS('+11234567890', 'Hello, TypeScript!');
  console.log(`SMS: ${result.name} (${result.code}): ${result.description}`);

  try {
    await hologram.sendSMS('11234567890', 'no plus sign');
  } catch (error) {
    console.log(`refused: ${(error as Error).message}`);
  }

  await hologram.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
