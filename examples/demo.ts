/**
 * hologram-rx in one minute: a scripted device in the field. Everything real except the radio:
 * a simulated u-blox SARA-U201 on a REAL pseudo-terminal (opened with serialport, as
 * `/dev/ttyUSB0` would be), whose AT sockets open real TCP connections to an in-process Hologram
 * cloud emulator. The device streams sensor readings, loses the network mid-way (readings wait in
 * the outbox), gets it back (the backlog drains, in order), receives an SMS and sends one.
 * Exits 0 only if the cloud got every reading exactly once, in order.
 *
 * Run: `npm run demo` (builds, then `node dist/examples/demo.js`).
 */
import { connect } from 'node:net';
import { filter, firstValueFrom, interval, map, take, timeout, toArray } from 'rxjs';
import { Credentials, Hologram } from 'hologram-rx';
import { CellularNetwork } from 'hologram-rx/network';
import { decodePDU, encodeDeliver } from 'hologram-rx/sms';
import { CloudEmulator } from 'hologram-rx/testing';
import { exampleModemPort } from './example-modem-port';

const READINGS = 16;
const READING_EVERY_MS = 250;
/** The network goes away after this many readings were delivered, and comes back after this many more were taken. */
const LOSE_AFTER = 5;
const HELD_WHILE_OFFLINE = 5;

const started = Date.now();
function say(text: string): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(2).padStart(6);
  console.log(`[${seconds}s] ${text}`);
}

async function main(): Promise<number> {
  // The cloud, and a modem whose sockets reach it whatever host the SDK dials.
  const cloud = new CloudEmulator({ deviceKeys: ['demoKey1'] });
  await cloud.listen();
  const port = await exampleModemPort({
    vendor: 'u-blox',
    model: 'SARA-U201',
    mapConnect: () => ({ host: '127.0.0.1', port: cloud.port }),
    // The modem's listening port 4010 becomes a free port on this machine.
    mapListenPort: () => 0,
  });
  const { simulator } = port;
  say(`cloud emulator on 127.0.0.1:${cloud.port}; simulated u-blox SARA-U201 on ${port.path}`);

  // The device: a cellular network on that port, and the SDK on top of it.
  const network = await CellularNetwork.open(port.path, { backoff: { initialMs: 200, maxMs: 1000 } });
  const hologram = new Hologram(Credentials.fromDeviceKey('demoKey1'), { network, backoff: { initialMs: 100, maxMs: 500 } });
  const modem = hologram.modem;
  if (modem === undefined) throw new Error('the cellular network has no modem');
  const identity = await modem.identity();
  say(`modem ready: ${identity.manufacturer} ${identity.model}, IMEI ${identity.imei}, ICCID ${identity.iccid}`);

  let buffered = 0;
  hologram.event.subscribe('modem.registration', (r) => say(`modem: registration ${r.status}`));
  hologram.event.subscribe('network.connected', (state) => {
    const pending = hologram.outbox.stats().pendingCount;
    say(`network connected (${state.kind === 'connected' ? state.detail : ''})${pending > 0 ? `: draining ${pending} buffered readings` : ''}`);
  });
  hologram.event.subscribe('network.disconnected', (state) => say(`network lost: ${state.kind === 'connected' ? '' : state.reason}`));
  hologram.event.subscribe('message.buffered', ({ message, pending }) => {
    buffered += 1;
    say(`message.buffered ${message.data} (${pending ?? '?'} waiting in the outbox)`);
  });
  hologram.event.subscribe('message.sent', ({ message, name }) => say(`message.sent     ${message.data} -> ${name}`));
  hologram.event.subscribe('message.failed', ({ message, error }) => say(`message.failed   ${message?.data ?? ''}: ${error?.message ?? ''}`));

  say('connecting…');
  await network.connect({ timeoutMs: 20_000 });

  // The sensor: a reading every 250 ms, piped straight into the SDK.
  const results = firstValueFrom(hologram.results$.pipe(take(READINGS), toArray(), timeout(40_000)));
  const sensor = interval(READING_EVERY_MS)
    .pipe(
      take(READINGS),
      map((i) => ({ data: JSON.stringify({ reading: i + 1, celsius: Number((20 + Math.sin(i / 3) * 2).toFixed(2)) }), topics: ['demo'] })),
    )
    .subscribe(hologram.send$);

  // Mid-way, the modem loses the network; readings keep coming and wait in the outbox.
  await firstValueFrom(hologram.results$.pipe(filter((r) => r.ok), take(LOSE_AFTER), toArray()));
  say('>>> the radio loses the network (simulator: registration "searching")');
  simulator.setRegistration(2);
  await firstValueFrom(hologram.event.on$('message.buffered').pipe(take(HELD_WHILE_OFFLINE), toArray(), timeout(10_000)));
  say(`>>> ${hologram.outbox.stats().pendingCount} readings held, none lost; the network comes back (registration "home")`);
  simulator.setRegistration(1);

  // An SMS arrives while readings flow.
  const smsIn = firstValueFrom(hologram.sms$.pipe(timeout(10_000)));
  simulator.injectSMS(encodeDeliver({ sender: '+15555550123', text: 'Set interval to 5 min', timestamp: new Date() }).pdu);
  const sms = await smsIn;
  say(`SMS received from ${sms.from}: "${sms.text}"`);

  // ...and the device answers through the modem.
  const references = await modem.sendSMS('+15555550123', 'OK: interval 5 min, 21.4 °C');
  const submitted = simulator.received.sms.at(-1);
  const decoded = submitted === undefined ? undefined : decodePDU(submitted.pduHex);
  const to = decoded?.type === 'submit' ? (decoded.destination.type === 'alphanumeric' ? decoded.destination.text : decoded.destination.number) : '?';
  say(`SMS sent (reference ${references.join(', ')}); the modem transmitted to ${to}: "${decoded?.type === 'submit' ? decoded.text : '?'}"`);

  // The cloud sends the device a message: the modem accepts the connection on its port 4010.
  const receiving = await hologram.startReceiving({ port: 4010, idleTimeoutMs: 1000 });
  const listener = await waitFor(() => simulator.listener(4010));
  const inbound = firstValueFrom(hologram.receive$.pipe(timeout(10_000)));
  await sendTo(listener.address.port, 'firmware 1.2.1 available');
  const message = await inbound;
  say(`message received over the ${message.via} (port ${receiving.port}) from ${message.remoteAddress}: "${message.text}"`);
  await hologram.stopReceiving();

  const all = await results;
  sensor.unsubscribe();

  // What the cloud got.
  const readings = cloud.messages.map((frame) => (JSON.parse(frame.data) as { reading: number }).reading);
  const expected = Array.from({ length: READINGS }, (_, i) => i + 1);
  const duplicates = readings.length - new Set(readings).size;
  const lost = expected.filter((n) => !readings.includes(n));
  const inOrder = readings.every((n, i) => i === 0 || n > (readings[i - 1] ?? 0));
  say('summary:');
  console.log(`  readings produced            ${READINGS}`);
  console.log(`  delivered (results ok)       ${all.filter((r) => r.ok).length}`);
  console.log(`  held while offline           ${buffered}`);
  console.log(`  received by the cloud        ${readings.length}: ${readings.join(' ')}`);
  console.log(`  in order                     ${inOrder ? 'yes' : 'NO'}`);
  console.log(`  duplicates                   ${duplicates}`);
  console.log(`  lost                         ${lost.length === 0 ? 'none' : lost.join(' ')}`);
  console.log(`  SMS in / out                 1 / ${simulator.received.sms.length}`);
  console.log(`  messages to the device       1 (${message.via})`);

  await hologram.close();
  await network.close();
  await port.close();
  await cloud.close();
  const ok = lost.length === 0 && duplicates === 0 && inOrder && readings.length === READINGS && buffered > 0;
  say(ok ? 'every reading arrived exactly once, in order' : 'FAILED: readings were lost, repeated or reordered');
  return ok ? 0 : 1;
}

/** Polls `read` until it gives a value (the modem's listen completes after its AT exchange). */
async function waitFor<T>(read: () => T | undefined): Promise<T> {
  for (let tries = 0; tries < 200; tries += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the modem did not start listening');
}

/** What the cloud does for a cloud-to-device message: one TCP connection, the bytes, close. */
function sendTo(port: number, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.end(text));
    socket.once('error', reject);
    socket.once('close', () => resolve());
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
