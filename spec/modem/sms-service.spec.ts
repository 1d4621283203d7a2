import { firstValueFrom, repeat, take, toArray, timeout } from 'rxjs';
import { encodeDeliver, encodeDeliverParts } from '../../lib/modem/sms/encode-deliver';
import { decodePDU } from '../../lib/modem/sms/decode-pdu';
import type { SMSSubmitPDU } from '../../lib/modem/sms/sms-pdu';
import { SMSSendError } from '../../lib/modem/sms-send-error';
import { SMSAddressError } from '../../lib/modem/sms/sms-address-error';
import { Modem } from '../../lib/modem/modem';
import { duplexPair } from '../../lib/testing/duplex-pair';
import { ModemSimulator } from '../../lib/testing/modem-simulator';
import { commandsSeen, next, openHarness, type Harness } from './modem-harness';

const timestamp = new Date('2024-05-01T10:00:00Z');

/** An SMS-STATUS-REPORT for TP-MR 42 to +15551234567, delivered (built by hand per 23.040 §9.2.2.3). */
const STATUS_REPORT =
  '00' + // SMSC: the modem's default
  '06' + // TP-MTI 10 (status report), TP-MMS set (no more messages)
  '2A' + // TP-MR 42
  '0B915155214365F7' + // TP-RA: 11 digits, international, +15551234567
  '42105101000000' + // TP-SCTS 2024-01-15 10:00:00 +00 (each octet's digits swapped)
  '42105101005000' + // TP-DT   2024-01-15 10:00:05 +00 (each octet's digits swapped)
  '00'; // TP-ST: delivered

describe('SMS over the modem', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  const submitted = (h: Harness) => h.simulator.received.sms.map((s) => decodePDU(s.pduHex) as SMSSubmitPDU);

  it('sends a single GSM 7-bit message and returns its reference', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const references = await harness.modem.sendSMS('+15551234567', 'Hello from the field {ok}');
    expect(references).toEqual([harness.simulator.received.sms[0].messageReference]);
    const [pdu] = submitted(harness);
    expect(pdu).toMatchObject({ type: 'submit', text: 'Hello from the field {ok}', destination: { number: '+15551234567' } });
    expect(pdu.dcs.alphabet).toBe('gsm7');
    expect(harness.simulator.received.sms[0].length).toBe(pdu.tpduLength);
  });

  it('sends a long message as concatenated parts in order', async () => {
    harness = await openHarness({ vendor: 'quectel' });
    const text = 'All work and no play makes Jack a dull boy. '.repeat(10);
    const references = await harness.modem.sendSMS('+447700900123', text);
    const pdus = submitted(harness);
    expect(pdus.length).toBe(3);
    expect(references).toEqual(harness.simulator.received.sms.map((s) => s.messageReference));
    expect(pdus.map((p) => p.concat?.sequence)).toEqual([1, 2, 3]);
    expect(new Set(pdus.map((p) => p.concat?.reference)).size).toBe(1);
    expect(pdus.map((p) => p.text).join('')).toBe(text);

    // The next message gets another concatenation reference.
    await harness.modem.sendSMS('+447700900123', text);
    expect(submitted(harness)[3].concat?.reference).not.toBe(pdus[0].concat?.reference);
  });

  it('sends UCS2 when the text needs it', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    await harness.modem.sendSMS('+15551234567', 'Température 23°C ✓ 你好');
    const [pdu] = submitted(harness);
    expect(pdu.dcs.alphabet).toBe('ucs2');
    expect(pdu.text).toBe('Température 23°C ✓ 你好');
  });

  it('fails with typed errors: a bad destination, and a part the network refuses', async () => {
    harness = await openHarness({ vendor: 'u-blox', registration: { stat: 2 } });
    await expect(harness.modem.sendSMS('+1555abc', 'x')).rejects.toBeInstanceOf(SMSAddressError);
    const error = await harness.modem.sendSMS('+15551234567', 'no network').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SMSSendError);
    expect(error).toMatchObject({ destination: '+15551234567', part: 1, total: 1, sentReferences: [] });
    expect((error as SMSSendError).message).toMatch(/part 1 of 1/);
  });

  it('receives a message announced by +CMTI, then deletes it', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem, simulator } = harness;
    const received = next(modem.sms$);
    // After the listing at start, so that the message comes by +CMTI and not in that listing.
    await commandsSeen(simulator, (c) => c === 'AT+CMGL=4');
    const index = simulator.injectSMS(encodeDeliver({ sender: '+15557654321', text: 'ping', timestamp }).pdu);
    const sms = await received;
    expect(sms).toMatchObject({ from: '+15557654321', text: 'ping', complete: true });
    expect(sms.timestamp.date).toEqual(timestamp);
    expect(simulator.received.commands).toContain(`AT+CMGR=${index}`);
    await commandsSeen(simulator, (c) => c === `AT+CMGD=${index}`);
    expect(await modem.listSMS()).toEqual([]);
  });

  it('reassembles multipart messages arriving out of order, from an alphanumeric sender', async () => {
    harness = await openHarness({ vendor: 'quectel' });
    const { modem, simulator } = harness;
    const text = 'Your verification code is 123456. '.repeat(8);
    const parts = encodeDeliverParts({ sender: { type: 'alphanumeric', text: 'InfoSMS' }, text, timestamp, concatReference: 7 });
    expect(parts.length).toBeGreaterThan(1);
    const received = next(modem.sms$);
    for (const part of [...parts].reverse()) simulator.injectSMS(part.pdu);
    const sms = await received;
    expect(sms).toMatchObject({ from: 'InfoSMS', text, complete: true, missing: [] });
    expect(sms.parts).toHaveLength(parts.length);
    // Every stored part is deleted once the whole message is out.
    await commandsSeen(simulator, (c) => c.startsWith('AT+CMGD='), parts.length);
    expect(await modem.listSMS()).toEqual([]);
  });

  it('receives direct deliveries (+CMT), multipart included', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem, simulator } = harness;
    const parts = encodeDeliverParts({ sender: '+15550001111', text: 'Ünïcode direct delivery ✓ '.repeat(6), timestamp, concatReference: 9 });
    const received = firstValueFrom(modem.sms$.pipe(take(2), toArray(), timeout(5000)));
    simulator.injectSMS(encodeDeliver({ sender: '+15550002222', text: 'direct', timestamp }).pdu, { store: false });
    expect(parts.length).toBe(3);
    for (const index of [1, 2, 0]) simulator.injectSMS(parts[index].pdu, { store: false });
    const [single, multi] = await received;
    expect(single).toMatchObject({ from: '+15550002222', text: 'direct' });
    expect(multi).toMatchObject({ from: '+15550001111', text: 'Ünïcode direct delivery ✓ '.repeat(6), complete: true });
    expect(simulator.received.commands.filter((c) => c.startsWith('AT+CMGR') || c.startsWith('AT+CMGD'))).toEqual([]);
  });

  it('reads messages stored while nobody listened, once', async () => {
    const simulator = new ModemSimulator({ vendor: 'u-blox' });
    // Stored before the SDK starts (no +CMTI: nobody asked for notifications yet).
    simulator.injectSMS(encodeDeliver({ sender: '+15551110000', text: 'while you were away', timestamp }).pdu);
    simulator.injectSMS(encodeDeliver({ sender: '+15552220000', text: 'second', timestamp }).pdu);
    const [host, device] = duplexPair();
    simulator.attach(device);
    const modem = await Modem.fromStream(host);
    harness = { simulator, modem, close: async () => { await modem.close(); await simulator.close(); } };
    const messages = await firstValueFrom(modem.sms$.pipe(take(2), toArray(), timeout(5000)));
    expect(messages.map((m) => m.text)).toEqual(['while you were away', 'second']);
    const newer = next(modem.sms$);
    simulator.injectSMS(encodeDeliver({ sender: '+15553330000', text: 'new', timestamp }).pdu);
    expect((await newer).text).toBe('new');
  });

  it('keeps an undecodable PDU in the modem, logs it, and goes on', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem, simulator } = harness;
    const received = next(modem.sms$);
    const bad = simulator.injectSMS('0004FF');
    simulator.injectSMS(encodeDeliver({ sender: '+15557654321', text: 'after the bad one', timestamp }).pdu);
    expect((await received).text).toBe('after the bad one');
    await commandsSeen(simulator, (c) => c.startsWith('AT+CMGD='));
    const stored = await modem.listSMS();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ index: bad, pduHex: '0004FF' });
    expect(stored[0].pdu).toBeUndefined();
    expect(stored[0].error).toBeInstanceOf(Error);
    expect(simulator.received.commands).not.toContain(`AT+CMGD=${bad}`);
  });

  it('emits status reports from +CDS and stored reports', async () => {
    harness = await openHarness({ vendor: 'u-blox' });
    const { modem, simulator } = harness;
    const decoded = decodePDU(STATUS_REPORT);
    expect(decoded).toMatchObject({ type: 'status-report', messageReference: 42, recipient: { number: '+15551234567' } });
    const subscription = modem.sms$.subscribe();
    const reports = firstValueFrom(modem.smsStatusReports$.pipe(take(2), toArray(), timeout(5000)));
    simulator.injectURC(`+CDS: ${STATUS_REPORT.length / 2 - 1}\r\n${STATUS_REPORT}`);
    const stored = simulator.injectSMS(STATUS_REPORT);
    const [direct, fromStore] = await reports;
    expect(direct).toMatchObject({ type: 'status-report', messageReference: 42, status: { group: 'delivered' } });
    expect(fromStore).toMatchObject({ messageReference: 42 });
    await commandsSeen(simulator, (c) => c === `AT+CMGD=${stored}`);
    subscription.unsubscribe();
  });

  describe('when every subscriber leaves and one comes back', () => {
    it('emits what arrived meanwhile, once, and nothing emitted before', async () => {
      harness = await openHarness({ vendor: 'u-blox' });
      const { modem, simulator } = harness;
      const first = next(modem.sms$);
      const a = simulator.injectSMS(encodeDeliver({ sender: '+15550000001', text: 'before', timestamp }).pdu);
      expect((await first).text).toBe('before');
      await commandsSeen(simulator, (c) => c === `AT+CMGD=${a}`);
      // Nobody listens: the +CMTI goes unanswered and the message waits in the modem.
      const b = simulator.injectSMS(encodeDeliver({ sender: '+15550000002', text: 'meanwhile', timestamp }).pdu);
      expect((await modem.listSMS()).map((m) => m.index)).toEqual([b]);
      const again = firstValueFrom(modem.sms$.pipe(take(2), toArray(), timeout(5000)));
      await commandsSeen(simulator, (c) => c === 'AT+CMGL=4', 3);
      simulator.injectSMS(encodeDeliver({ sender: '+15550000003', text: 'after', timestamp }).pdu);
      expect((await again).map((m) => m.text)).toEqual(['meanwhile', 'after']);
    });

    it('reads again the parts of a multipart message held when the last subscriber left', async () => {
      harness = await openHarness({ vendor: 'quectel' });
      const { modem, simulator } = harness;
      const text = 'A long message split in two parts across a pause in listening. '.repeat(3);
      const parts = encodeDeliverParts({ sender: '+15550000004', text, timestamp, concatReference: 11 });
      expect(parts).toHaveLength(2);
      const subscription = modem.sms$.subscribe();
      const first = simulator.injectSMS(parts[0].pdu);
      // Read and held, waiting for part 2, when the subscriber leaves.
      await commandsSeen(simulator, (c) => c === `AT+CMGR=${first}`);
      subscription.unsubscribe();
      simulator.injectSMS(parts[1].pdu);
      const whole = await next(modem.sms$);
      expect(whole).toMatchObject({ from: '+15550000004', text, complete: true, missing: [] });
      await commandsSeen(simulator, (c) => c.startsWith('AT+CMGD='), 2);
      expect(await modem.listSMS()).toEqual([]);
    });

    it('does not emit again a message whose subscriber left on it and came straight back', async () => {
      harness = await openHarness({ vendor: 'u-blox' });
      const { modem, simulator } = harness;
      // take(1) + repeat(): the subscriber count drops to zero inside the emission and returns at once.
      const three = firstValueFrom(modem.sms$.pipe(take(1), repeat(), take(3), toArray(), timeout(5000)));
      simulator.injectSMS(encodeDeliver({ sender: '+15550000005', text: 'one', timestamp }).pdu);
      await commandsSeen(simulator, (c) => c.startsWith('AT+CMGD='), 1);
      simulator.injectSMS(encodeDeliver({ sender: '+15550000005', text: 'two', timestamp }).pdu);
      await commandsSeen(simulator, (c) => c.startsWith('AT+CMGD='), 2);
      simulator.injectSMS(encodeDeliver({ sender: '+15550000005', text: 'three', timestamp }).pdu);
      expect((await three).map((m) => m.text)).toEqual(['one', 'two', 'three']);
    });

    it('does not emit again a message whose deletion failed, and deletes it on the next reading', async () => {
      harness = await openHarness({ vendor: 'u-blox' });
      const { modem, simulator } = harness;
      simulator.failNext(/^AT\+CMGD=/, 321);
      const first = next(modem.sms$);
      const a = simulator.injectSMS(encodeDeliver({ sender: '+15550000006', text: 'delivered once', timestamp }).pdu);
      expect((await first).text).toBe('delivered once');
      await commandsSeen(simulator, (c) => c === `AT+CMGD=${a}`);
      const later = next(modem.sms$);
      // The failed deletion left the message stored; the new subscription's listing must not emit it.
      await commandsSeen(simulator, (c) => c === `AT+CMGD=${a}`, 2);
      expect(await modem.listSMS()).toEqual([]);
      simulator.injectSMS(encodeDeliver({ sender: '+15550000007', text: 'next one', timestamp }).pdu);
      expect((await later).text).toBe('next one');
    });
  });

  it('lists, reads, pops and deletes stored messages', async () => {
    harness = await openHarness({ vendor: 'quectel' });
    const { modem, simulator } = harness;
    const older = simulator.injectSMS(encodeDeliver({ sender: '+15550000001', text: 'older', timestamp: new Date('2024-01-01T00:00:00Z') }).pdu)!;
    const newer = simulator.injectSMS(encodeDeliver({ sender: '+15550000002', text: 'newer', timestamp: new Date('2023-01-01T00:00:00Z') }).pdu)!;
    const list = await modem.listSMS();
    expect(list.map((m) => [m.index, m.status, m.pdu?.type === 'deliver' ? m.pdu.text : undefined])).toEqual([
      [older, 'unread', 'older'],
      [newer, 'unread', 'newer'],
    ]);
    expect((await modem.readSMS(older))?.status).toBe('read');
    expect(await modem.readSMS(200)).toBeUndefined();
    // Oldest by time stamp, not by index.
    const popped = await modem.popSMS();
    expect(popped?.index).toBe(newer);
    await modem.deleteSMS(older);
    expect(await modem.listSMS()).toEqual([]);
    expect(await modem.popSMS()).toBeUndefined();
    await expect(Promise.resolve().then(() => modem.readSMS(-1))).rejects.toThrow(/non-negative integer, got -1/);
  });

  it('has each stored-message operation as a cold Observable and its Promise twin', async () => {
    harness = await openHarness({ vendor: 'quectel' });
    const { modem, simulator } = harness;
    const list$ = modem.listSMS$();
    const index = simulator.injectSMS(encodeDeliver({ sender: '+15550000001', text: 'stored', timestamp }).pdu)!;
    // Made before the message arrived, run after: it lists what is there on subscribe.
    expect((await firstValueFrom(list$)).map((m) => m.index)).toEqual([index]);
    const commandsBefore = simulator.received.commands.length;
    const delete$ = modem.deleteSMS$(index);
    expect(simulator.received.commands.length).toBe(commandsBefore);
    expect((await firstValueFrom(modem.readSMS$(index)))?.status).toBe('read');
    await firstValueFrom(delete$, { defaultValue: undefined });
    expect(await firstValueFrom(modem.popSMS$())).toBeUndefined();
    expect(await modem.listSMS()).toEqual([]);
    expect(await firstValueFrom(modem.sendSMS$('+15551234567', 'hi'))).toHaveLength(1);
  });
});
