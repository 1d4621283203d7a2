/**
 * Send an SMS through the modem and receive one, here against the SDK's modem simulator on a pty
 * pair (on a device: `Modem.open('/dev/ttyUSB2')` or `Modem.detect()`).
 * Run: `npm run build && node dist/examples/modem-sms.js`.
 */
import { firstValueFrom, timeout } from 'rxjs';
import { Modem } from 'hologram-rx';
import { encodeDeliverParts } from 'hologram-rx/sms';
import { exampleModemPort } from './example-modem-port';

async function main(): Promise<void> {
  const port = await exampleModemPort({ vendor: 'u-blox' });
  const modem = await Modem.open(port.path);

  // Sending: long or Unicode text is split and encoded as needed.
  const references = await modem.sendSMS('+15555550100', 'Température 21 °C, all well ✓');
  console.log(`sent in ${references.length} part(s), message reference(s) ${references.join(', ')}`);

  // Receiving: the network delivers a two-part message, second part first.
  const received = firstValueFrom(modem.sms$.pipe(timeout(10_000)));
  const parts = encodeDeliverParts({
    sender: '+15555550199',
    text: 'Reply from the field team: the gateway at site 4 is back online and reporting every minute. Thanks for the quick fix!! '.repeat(2),
    timestamp: new Date(),
  });
  for (const part of [...parts].reverse()) port.simulator.injectSMS(part.pdu);
  const sms = await received;
  console.log(`received from ${sms.from} (${sms.parts.length} parts, complete: ${sms.complete}): ${sms.text}`);

  await modem.close();
  await port.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
