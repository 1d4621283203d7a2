// Subscribe to events: message.sent for delivered messages, message.failed for refused ones.
import { Credentials, Hologram, MessageFailedError, type MessageResult } from 'hologram-rx';
import { exampleCloud } from './example-cloud';

async function main(): Promise<void> {
  const cloud = await exampleCloud();
  const hologram = new Hologram(cloud.credentials, { sendHost: cloud.host, sendPort: cloud.port });

  const onSent = (result: MessageResult): void => console.log(`message.sent: "${result.message.data}" ${result.name}`);
  hologram.event.subscribe('message.sent', onSent);
  hologram.event.on$('message.failed').subscribe((failure) => console.log(`message.failed: ${failure.result?.name}`));

  await hologram.sendMessage('delivered');
  hologram.credentials = new Credentials('nope', 'nope'); // a key the cloud does not know
  // A permanent refusal rejects sendMessage with MessageFailedError (and broadcasts message.failed).
  await hologram.sendMessage('refused').catch((error: unknown) => {
    if (!(error instanceof MessageFailedError)) throw error;
    console.log(`sendMessage rejected: code ${error.code}`);
  });

  hologram.event.unsubscribe('message.sent', onSent);
  await hologram.close();
  await cloud.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
