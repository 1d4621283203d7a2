import type { ModemLocation } from '../../modem/location/modem-location';
import type { Modem } from '../../modem/modem';
import { modemEngine } from '../../modem/modem-engine';
import { checkBoundedDuration } from '../../validation/duration';
import type { ModemStatus } from '../../modem/modem-status';
import type { StoredSMS } from '../../modem/stored-sms';
import { storedSMSMessages, type StoredSMSMessage } from '../../modem/stored-sms-messages';
import type { CliOutput } from '../cli-command';
import type { ParsedArguments } from '../parse-arguments';
import { describeDetectedModem, MODEM_CHOICE_OPTIONS, MODEM_CHOICE_USAGE, openChosenModem, resolveModemChoice, type ModemChoice } from '../modem-choice';
import { parsePositive } from '../parse-positive';
import { parsedCommand } from '../parsed-command';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...MODEM_CHOICE_OPTIONS,
  baud: { type: 'string' },
  wait: { type: 'string' },
  apn: { type: 'string' },
  timeout: { type: 'string' },
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  raw: { type: 'boolean' },
  interval: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: hologram modem <action> [options]

Talks to the cellular modem over its serial port.

Actions:
  list                  every modem found, once each (by IMEI), with its ports
  info                  identity, registration, signal and operator
  signal [--watch]      signal strength; --watch redraws signal and registration until Ctrl-C
  sim                   the SIM's ICCID (and IMSI)
  imei                  the modem's IMEI
  operator              the network operator
  type                  manufacturer, model and the driver in use
  location              where the modem is: u-blox CellLocate (brings the data context up for it
                        if need be, as CellLocate asks u-blox's server) or Quectel GNSS
  command "AT..."       runs one AT command and prints its response
  reset                 reboots the modem and waits until it is back
  radio-on | radio-off  turns the radio on or off (AT+CFUN=1 / AT+CFUN=0)
  sms send +NUMBER "text"   sends an SMS through the modem (long or Unicode text is fine)
  sms list [--raw]      messages stored in the modem, multipart ones put together, with the
                        storage indexes of their parts (incomplete ones marked); --raw: each
                        stored part as it is. Nothing is deleted.
  sms read [INDEX]      the part at INDEX; without INDEX the oldest, which is then deleted

Options:
${MODEM_CHOICE_USAGE}
  --baud N        serial speed (default 115200; USB modems ignore it)
  --timeout S     AT command timeout in seconds (default 5; slow commands get more)
  --interval S    with signal --watch: seconds between readings (default 2)
  --wait S        with location: how long to wait for a fix (default 30)
  --apn APN       with location on u-blox: the APN to bring the data context up on (default hologram)
  --json          machine-readable output
  --raw           with sms list: one entry per storage slot

If the modem cannot be opened: check the device path, that your user may open it (member of the
dialout group: sudo usermod -aG dialout $USER, then log in again), and that ModemManager leaves it
alone: add a udev rule such as
  ATTRS{idVendor}=="1546", ATTRS{idProduct}=="1102", ENV{ID_MM_DEVICE_IGNORE}="1"
to /etc/udev/rules.d/77-hologram.rules.`;

type Values = ParsedArguments<typeof OPTIONS>['values'];

interface Context {
  readonly modem: Modem;
  readonly values: Values;
  readonly args: readonly string[];
  readonly output: CliOutput;
  readonly timeoutMs?: number;
}

type Action = (context: Context) => Promise<number>;

/** What each action needs to know before the modem is opened: its positional arguments. */
const ARITY: Readonly<Record<string, readonly [min: number, max: number]>> = {
  list: [0, 0],
  location: [0, 0],
  info: [0, 0],
  signal: [0, 0],
  sim: [0, 0],
  imei: [0, 0],
  operator: [0, 0],
  type: [0, 0],
  command: [1, 1],
  reset: [0, 0],
  'radio-on': [0, 0],
  'radio-off': [0, 0],
  'sms send': [2, 2],
  'sms list': [0, 0],
  'sms read': [0, 1],
};

const ACTIONS: Readonly<Record<string, Action>> = {
  info: async ({ modem, values, output }) => {
    const identity = await modem.identity();
    const signal = await settle(firstValue(modem.readSignal$()));
    const registration = modem.registration;
    const operator = registration?.registered ? await settle(firstValue(modem.readOperator$())) : undefined;
    const info = { device: modem.path, driver: modem.driver.name, ...identity, registration, signal, operator };
    if (values.json) output.out(JSON.stringify(info));
    else
      table(output, [
        ['Device', modem.path],
        ['Driver', modem.driver.description],
        ['Manufacturer', identity.manufacturer],
        ['Model', identity.model],
        ['Revision', identity.revision],
        ['IMEI', identity.imei],
        ['ICCID', identity.iccid],
        ['IMSI', identity.imsi],
        ['Registration', describeRegistration({ state: 'ready', registration })],
        ['Signal', signalText(signal)],
        ['Operator', operator?.name ?? '-'],
      ]);
    return 0;
  },
  signal: async ({ modem, values, output }) => {
    if (values.watch) return watch(modem, values, output);
    const signal = await firstValue(modem.readSignal$());
    output.out(values.json ? JSON.stringify(signal) : describeSignal({ state: 'ready', signal }));
    return 0;
  },
  sim: async ({ modem, values, output }) => {
    const iccid = await modem.iccid();
    const imsi = await modem.imsi().catch(() => undefined);
    output.out(values.json ? JSON.stringify({ iccid, imsi }) : iccid);
    return 0;
  },
  imei: async ({ modem, values, output }) => {
    const imei = await modem.imei();
    output.out(values.json ? JSON.stringify({ imei }) : imei);
    return 0;
  },
  operator: async ({ modem, values, output }) => {
    const operator = modem.registration?.registered ? await firstValue(modem.readOperator$()) : undefined;
    output.out(values.json ? JSON.stringify({ operator: operator ?? null }) : (operator?.name ?? 'no operator (not registered)'));
    return 0;
  },
  type: async ({ modem, values, output }) => {
    const [manufacturer, model] = await Promise.all([modem.manufacturer(), modem.model()]);
    const driver = modem.driver;
    const type = { manufacturer, model, driver: driver.name, description: driver.description, sockets: driver.sockets ?? null };
    output.out(values.json ? JSON.stringify(type) : `${manufacturer} ${model} (${driver.description})`);
    return 0;
  },
  command: async ({ modem, values, args, output, timeoutMs }) => {
    const response = await modem.command(args[0], { timeoutMs });
    if (values.json) output.out(JSON.stringify({ command: response.command, lines: response.lines, final: response.final }));
    else for (const line of [...response.lines, response.final]) output.out(line);
    return 0;
  },
  location: async ({ modem, values, output }) => {
    const waitS = parsePositive('modem', 'wait', values.wait);
    // The location timeout's own bound: CellLocate takes whole seconds up to 999.
    if (waitS !== undefined && waitS > 999) throw new UsageError('modem', `--wait must be at most 999 seconds, got ${JSON.stringify(values.wait)}`);
    const { LocationError } = await import('../../modem/location/location-error');
    try {
      const location = await withDataContextFor(modem, values.apn, () => modem.readLocation(waitS === undefined ? {} : { timeoutMs: waitS * 1000 }));
      output.out(values.json ? JSON.stringify(location) : describeLocation(location));
      return 0;
    } catch (error) {
      if (!(error instanceof LocationError)) throw error;
      if (values.json) output.out(JSON.stringify({ error: error.reason, message: error.message, method: error.method ?? null }));
      else output.err(`hologram modem location: ${error.message}`);
      return 1;
    }
  },
  reset: async ({ modem, values, output }) => {
    await modem.reset();
    output.out(values.json ? JSON.stringify({ reset: true, state: modem.state }) : `modem reset (${modem.driver.resetCommand}) and ready`);
    return 0;
  },
  'radio-on': async ({ modem, values, output }) => {
    await modem.radioOn();
    output.out(values.json ? JSON.stringify({ radio: 'on' }) : 'radio on');
    return 0;
  },
  'radio-off': async ({ modem, values, output }) => {
    await modem.radioOff();
    output.out(values.json ? JSON.stringify({ radio: 'off' }) : 'radio off');
    return 0;
  },
  'sms send': async ({ modem, values, args, output }) => {
    const [destination, text] = args;
    const references = await modem.sendSMS(destination, text);
    output.out(values.json ? JSON.stringify({ destination, parts: references.length, references }) : `sent to ${destination} in ${references.length} part(s), reference(s) ${references.join(', ')}`);
    return 0;
  },
  'sms list': async ({ modem, values, output }) => {
    const slots = await modem.listSMS();
    if (values.raw) {
      if (values.json) output.out(JSON.stringify(slots.map(smsJson)));
      else if (slots.length === 0) output.out('no stored messages');
      else for (const slot of slots) output.out(smsLine(slot));
      return 0;
    }
    const messages = storedSMSMessages(slots);
    if (values.json) output.out(JSON.stringify(messages.map(messageJSON)));
    else if (messages.length === 0) output.out('no stored messages');
    else for (const message of messages) output.out(messageLine(message));
    return 0;
  },
  'sms read': async ({ modem, values, args, output }) => {
    const index = args[0] === undefined ? undefined : Number(args[0]);
    if (index !== undefined && !(Number.isInteger(index) && index >= 0)) {
      throw new UsageError('modem', `sms read: INDEX must be a number from "sms list", got ${JSON.stringify(args[0])}`);
    }
    const message = index === undefined ? await modem.popSMS() : await modem.readSMS(index);
    if (values.json) output.out(JSON.stringify(message ? smsJson(message) : null));
    else output.out(message ? smsLine(message) : index === undefined ? 'no stored messages' : `no message at index ${index}`);
    return message || index === undefined ? 0 : 1;
  },
};

export const command = parsedCommand('modem', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  const [first, second] = positionals;
  if (first === undefined) throw new UsageError('modem', `no action given: use one of ${Object.keys(ARITY).join(', ')}`);
  const name = first === 'sms' ? `sms ${second ?? ''}`.trim() : first;
  const action = Object.prototype.hasOwnProperty.call(ARITY, name) ? ACTIONS[name] : undefined;
  if (name !== 'list' && !action) throw new UsageError('modem', `unknown action ${JSON.stringify(name)}: use one of ${Object.keys(ARITY).join(', ')}`);
  const args = positionals.slice(first === 'sms' ? 2 : 1);
  const [min, max] = ARITY[name];
  if (args.length < min || args.length > max) {
    throw new UsageError('modem', `${name} takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  }
  if (values.watch && name !== 'signal') throw new UsageError('modem', '--watch goes with the signal action only');
  if (values.raw && name !== 'sms list') throw new UsageError('modem', '--raw goes with the sms list action only');
  if ((values.wait !== undefined || values.apn !== undefined) && name !== 'location') throw new UsageError('modem', '--wait and --apn go with the location action only');
  const choice = resolveModemChoice('modem', values);
  const baudRate = parsePositive('modem', 'baud', values.baud, { integer: true });
  const timeoutS = parsePositive('modem', 'timeout', values.timeout);
  // One AT command timer: bounded. The --interval of signal --watch works at any size (longTimer).
  const timeoutMs = timeoutS === undefined ? undefined : checkBoundedDuration('--timeout', timeoutS, { unit: 's', positive: true }) * 1000;
  parsePositive('modem', 'interval', values.interval);

  if (name === 'list') return listModems(choice, baudRate, values.json === true, output);
  const modem = await openChosenModem(choice, { baudRate, at: timeoutMs === undefined ? undefined : { defaultTimeoutMs: timeoutMs } });
  try {
    return await (action as Action)({ modem, values, args, output, timeoutMs });
  } finally {
    await modem.close();
  }
});

/**
 * `hologram modem list`: every modem found once (by IMEI), without opening any for good. Exit 1
 * when there is none, saying where it looked.
 */
async function listModems(choice: ModemChoice, baudRate: number | undefined, json: boolean, output: CliOutput): Promise<number> {
  if (choice.device !== undefined || choice.imei !== undefined) throw new UsageError('modem', 'list looks at every port: use --modem-port to add one, not --device or --imei');
  const { scanModems } = await import('../../modem/detect/scan-modems');
  const modems = await scanModems({ baudRate, candidatePaths: choice.ports });
  const entries = modems.map((modem) => ({
    path: modem.path,
    paths: modem.paths,
    imei: modem.imei ?? null,
    manufacturer: modem.manufacturer ?? null,
    model: modem.model ?? null,
    driver: modem.driver.name,
  }));
  if (json) output.out(JSON.stringify(entries));
  else if (modems.length === 0) {
    output.err('no modem found on the listed ports, /dev/ttyUSB*, /dev/ttyACM*, /dev/serial/by-id or --modem-port: check that it is plugged in (lsusb) and that your user may open it (dialout group)');
  } else {
    for (const modem of modems) output.out(describeDetectedModem(modem));
  }
  return modems.length === 0 ? 1 : 0;
}

/**
 * Runs `read` with the data context up when the modem's location service needs it (u-blox
 * CellLocate asks u-blox's server); a context brought up here is taken down again afterwards.
 */
async function withDataContextFor<T>(modem: Modem, apn: string | undefined, read: () => Promise<T>): Promise<T> {
  if (modem.driver.location !== 'cell-locate') return read();
  const [{ PDPContext }, { pdpFlavour }, { firstValueFrom }] = await Promise.all([
    import('../../modem/sockets/pdp-context'),
    import('../../network/cellular/cellular-mode'),
    import('../../rx'),
  ]);
  const context = new PDPContext(modemEngine(modem), pdpFlavour(modem.driver));
  try {
    const active = await firstValueFrom(context.isActive$());
    if (!active) await firstValueFrom(context.activate$(apn ?? 'hologram'));
    try {
      return await read();
    } finally {
      if (!active) await firstValueFrom(context.deactivate$(), { defaultValue: undefined }).catch(() => undefined);
    }
  } finally {
    await context.close();
  }
}

function describeLocation(location: ModemLocation): string {
  const accuracy = location.uncertainty !== undefined ? ` ±${location.uncertainty} m` : location.hdop !== undefined ? ` (HDOP ${location.hdop})` : '';
  const method = location.method === 'cell-locate' ? 'CellLocate' : 'GNSS';
  return `${location.latitude}, ${location.longitude}${accuracy}, altitude ${location.altitude} m, at ${location.time.toISOString()} (${method})`;
}

/** `hologram modem signal --watch`: one redrawn line on a terminal, one line per change otherwise. */
async function watch(modem: Modem, values: Values, output: CliOutput): Promise<number> {
  const rx = { ...(await import('../../rx')), ...(await import('../../rx-extra')) };
  const intervalMs = (values.interval === undefined ? 2 : Number(values.interval)) * 1000;
  const tty = process.stdout.isTTY === true && values.json !== true;
  const { longTimer } = await import('../../operators/long-timer');
  const signal$ = longTimer(0, intervalMs).pipe(rx.exhaustMap(() => modem.readSignal$().pipe(rx.catchError(() => rx.EMPTY))));
  const status$ = rx.combineLatest({
    state: modem.state$,
    registration: modem.registration$.pipe(rx.startWith(undefined)),
    signal: signal$.pipe(rx.startWith(undefined)),
    operator: modem.operator$.pipe(rx.startWith(undefined)),
  });
  return new Promise<number>((resolve) => {
    const subscription = status$
      .pipe(
        rx.map((status: ModemStatus) =>
          values.json
            ? JSON.stringify(status)
            : `${describeSignal(status)} | ${describeRegistration(status)}${status.operator ? ` | ${status.operator.name}` : ''}`,
        ),
        rx.distinctUntilChanged(),
      )
      .subscribe((line) => {
        if (tty) process.stdout.write(`\r\x1b[K${line}`);
        else output.out(line);
      });
    const stop = (): void => {
      subscription.unsubscribe();
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (tty) process.stdout.write('\n');
      resolve(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function describeSignal(status: Pick<ModemStatus, 'state' | 'signal'>): string {
  return `signal: ${signalText(status.signal)}`;
}

/** A reading as `-79 dBm (CSQ 17) ▮▮▮▯▯`, without a label. */
function signalText(signal: ModemStatus['signal']): string {
  if (!signal) return '-';
  const bars = signal.raw === 99 ? 0 : Math.min(5, Math.ceil(signal.raw / 6.2));
  return signal.rssiDbm === undefined ? 'unknown (CSQ 99)' : `${signal.rssiDbm} dBm (CSQ ${signal.raw}) ${'▮'.repeat(bars)}${'▯'.repeat(5 - bars)}`;
}

function describeRegistration(status: Pick<ModemStatus, 'state' | 'registration'>): string {
  if (status.state !== 'ready') return status.state;
  const r = status.registration;
  if (!r) return 'registration: -';
  const where = [r.lac && `lac ${r.lac}`, r.ci && `ci ${r.ci}`].filter(Boolean).join(', ');
  return `${r.state} (${r.family}${where ? `, ${where}` : ''})`;
}

function table(output: CliOutput, rows: ReadonlyArray<readonly [string, string | undefined]>): void {
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  for (const [label, value] of rows) output.out(`${`${label}:`.padEnd(width)} ${value ?? '-'}`);
}

function smsJson(message: StoredSMS): object {
  const pdu = message.pdu;
  const base = { index: message.index, status: message.status };
  if (!pdu) return { ...base, pdu: message.pduHex, error: message.error?.message };
  if (pdu.type === 'deliver') {
    const from = pdu.sender.type === 'alphanumeric' ? pdu.sender.text : pdu.sender.number;
    return { ...base, type: pdu.type, from, text: pdu.text ?? null, timestamp: pdu.timestamp.date.toISOString(), part: pdu.concat ? `${pdu.concat.sequence}/${pdu.concat.total}` : undefined };
  }
  if (pdu.type === 'submit') return { ...base, type: pdu.type, to: pdu.destination.type === 'alphanumeric' ? pdu.destination.text : pdu.destination.number, text: pdu.text ?? null };
  return { ...base, type: pdu.type, messageReference: pdu.messageReference, deliveryStatus: pdu.status };
}

/** A stored message for --json: the slots of its parts, and the reassembled text. */
function messageJSON(entry: StoredSMSMessage): object {
  const duplicates = entry.duplicateIndexes.length > 0 ? { duplicateIndexes: entry.duplicateIndexes } : {};
  const message = entry.message;
  if (message === undefined) {
    const { index: _index, ...slot } = smsJson(entry.parts[0]) as { index: number };
    return { indexes: entry.indexes, ...slot };
  }
  return {
    indexes: entry.indexes,
    status: entry.status,
    type: 'deliver',
    from: message.from,
    text: message.text,
    timestamp: message.timestamp.date.toISOString(),
    parts: message.concat?.total ?? 1,
    complete: message.complete,
    ...(message.missing.length > 0 ? { missing: message.missing } : {}),
    ...duplicates,
  };
}

/** A stored message as one line: `[2,1] unread +1555... 2026-...Z "text" (2 parts)`. */
function messageLine(entry: StoredSMSMessage): string {
  const message = entry.message;
  if (message === undefined) return smsLine(entry.parts[0]).replace(/^\[\d+\]/, `[${entry.indexes.join(',')}]`);
  const total = message.concat?.total ?? 1;
  const notes = [
    message.complete ? (total > 1 ? `${total} parts` : undefined) : `incomplete: ${entry.indexes.length} of ${total} parts, missing ${message.missing.join(', ')}`,
    entry.duplicateIndexes.length > 0 ? `copies in ${entry.duplicateIndexes.join(', ')}` : undefined,
  ].filter((note) => note !== undefined);
  const suffix = notes.length > 0 ? ` (${notes.join('; ')})` : '';
  return `[${entry.indexes.join(',')}] ${entry.status} ${message.from} ${message.timestamp.date.toISOString()} ${JSON.stringify(message.text)}${suffix}`;
}

function smsLine(message: StoredSMS): string {
  const json = smsJson(message) as { index: number; status: string; from?: string; to?: string; text?: string; timestamp?: string; error?: string; part?: string };
  if (json.error) return `[${json.index}] ${json.status} undecodable PDU ${message.pduHex} (${json.error})`;
  const part = json.part === undefined ? '' : ` (part ${json.part})`;
  return `[${json.index}] ${json.status} ${json.from ?? json.to ?? ''} ${json.timestamp ?? ''} ${JSON.stringify(json.text ?? '')}`.replace(/ +/g, ' ') + part;
}

async function settle<T>(promise: Promise<T>): Promise<T | undefined> {
  return promise.catch(() => undefined);
}

async function firstValue<T>(source: import('../../rx').Observable<T>): Promise<T> {
  const { firstValueFrom } = await import('../../rx');
  return firstValueFrom(source);
}
