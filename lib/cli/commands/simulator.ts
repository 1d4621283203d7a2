import { symlink, unlink } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { parsePort } from '../../validation/port';
import { formatAddress } from '../../modem/sms/address';
import { decodePDU } from '../../modem/sms/decode-pdu';
import { encodeDeliverParts } from '../../modem/sms/encode-deliver';
import { ModemSimulator } from '../../testing/modem-simulator/modem-simulator';
import { MODEM_PERSONALITIES, findPersonality, type ModemVendor } from '../../testing/modem-simulator/personality';
import type { SubmittedSMS } from '../../testing/modem-simulator/modem-state';
import { openPtyPair } from '../../testing/pty-pair';
import type { CliOutput } from '../cli-command';
import { parsedCommand } from '../parsed-command';
import { parseSimulatorInput, SIMULATOR_INPUT_HELP, type SimulatorInput } from '../simulator-input';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const VENDORS = [...new Set(MODEM_PERSONALITIES.map((personality) => personality.vendor))];

const USAGE = `Usage: hologram simulator [--vendor u-blox|quectel] [--model MODEL] [--imei IMEI] [--link PATH]
                          [--connect-to HOST:PORT] [--trace] [--json] [--ignore-stdin]

Runs a simulated cellular modem on a pseudo-terminal and prints its device path: point your
application (or any hologram command, with --device PATH) at it to test without a modem. It answers
AT commands as the real model does (identity, SIM, registration, signal, SMS, sockets, location).
SMS the host sends are printed; an SMS arrives when you type "sms SENDER TEXT" on stdin.
Stops on Ctrl-C, SIGTERM, "quit" or the end of stdin, releasing the pseudo-terminal.

  --vendor VENDOR          ${VENDORS.join(' or ')} (default u-blox)
  --model MODEL            ${MODEM_PERSONALITIES.map((personality) => personality.model).join(', ')}
                           (a unique part is enough, e.g. R410; default: the vendor's first)
  --imei IMEI              the IMEI it reports (15 digits; give each simulator its own to run several)
  --link PATH              also make PATH a symbolic link to the device (a stable path to configure;
                           it must not exist yet, and is removed on stop)
  --connect-to HOST:PORT   every socket the host opens through the modem goes here instead (e.g. a
                           cloud emulator: hologram emulator --port 9999, then --connect-to 127.0.0.1:9999);
                           default: the address the host asked for, over the real network
  --trace                  also print each AT command the host sends (socket payloads as their length)
  --json                   one JSON object per line
  --ignore-stdin           run until a signal without reading stdin (to run it in the background)
  -h, --help               show this help

Commands on stdin, one per line (blank lines and # comments are skipped):
${SIMULATOR_INPUT_HELP}`;

const OPTIONS = {
  vendor: { type: 'string' },
  model: { type: 'string' },
  imei: { type: 'string' },
  link: { type: 'string' },
  'connect-to': { type: 'string' },
  trace: { type: 'boolean' },
  json: { type: 'boolean' },
  'ignore-stdin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `HOST:PORT` (IPv6 in brackets, as in `[::1]:9999`). */
function parseAddress(text: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d+)$/.exec(text);
  if (match === null) throw new UsageError('simulator', `--connect-to must be HOST:PORT, got ${JSON.stringify(text)}`);
  return { host: match[1] ?? match[2], port: parsePort(match[3], '--connect-to') };
}

function vendorOf(text: string | undefined): ModemVendor {
  const vendor = text ?? 'u-blox';
  if (!(VENDORS as string[]).includes(vendor)) throw new UsageError('simulator', `--vendor must be ${VENDORS.join(' or ')}, got ${JSON.stringify(vendor)}`);
  return vendor as ModemVendor;
}

/**
 * An AT command line for `--trace`, with each hex payload (what the host writes to a socket, the
 * cloud frame and its device key in it) shown as its length only.
 */
function traceLine(line: string): string {
  return line.replace(/"([0-9A-Fa-f]{16,})"/g, (_match, hex: string) => `<${hex.length >> 1} bytes>`);
}

/** One printed event: a JSON object with `--json`, else its text. */
type Emit = (json: Record<string, unknown>, text: string) => void;

/** What the host submitted, decoded for people; a PDU that does not decode is shown as hex. */
function describeSubmitted(sms: SubmittedSMS): { destination: string | null; text: string | null; part: string | null; pdu: string } {
  if (sms.format === 'text') return { destination: sms.destination ?? null, text: sms.text ?? null, part: null, pdu: sms.pduHex };
  try {
    const pdu = decodePDU(sms.pduHex);
    if (pdu.type !== 'submit') return { destination: null, text: null, part: null, pdu: sms.pduHex };
    const part = pdu.concat === undefined ? null : `${pdu.concat.sequence}/${pdu.concat.total}`;
    return { destination: formatAddress(pdu.destination), text: pdu.text ?? null, part, pdu: sms.pduHex };
  } catch {
    return { destination: null, text: null, part: null, pdu: sms.pduHex };
  }
}

/** Carries out one stdin line on the simulator and says what happened. */
function apply(simulator: ModemSimulator, input: SimulatorInput, emit: Emit, output: CliOutput): void {
  switch (input.kind) {
    case 'sms': {
      const parts = encodeDeliverParts({ sender: input.sender, text: input.text, timestamp: new Date() });
      const indexes = parts.map((part) => simulator.injectSMS(part.pdu));
      const stored = indexes.filter((index): index is number => index !== undefined);
      const where = stored.length > 0 ? `stored at index ${stored.join(', ')}` : 'delivered directly (+CMT)';
      emit({ event: 'sms-arrived', sender: input.sender, text: input.text, parts: parts.length, stored }, `sms from ${input.sender} arrived (${parts.length} part${parts.length > 1 ? 's' : ''}, ${where})`);
      return;
    }
    case 'signal':
      simulator.setSignal(input.rssi, input.ber);
      emit({ event: 'signal', rssi: input.rssi, ber: input.ber ?? 99 }, `signal rssi ${input.rssi} ber ${input.ber ?? 99}`);
      return;
    case 'registration':
      simulator.setRegistration(input.stat);
      emit({ event: 'registration', stat: input.stat }, `registration stat ${input.stat}`);
      return;
    case 'urc':
      simulator.injectURC(input.line);
      emit({ event: 'urc', line: input.line }, `urc ${input.line}`);
      return;
    case 'help':
      output.err(SIMULATOR_INPUT_HELP);
      return;
    case 'quit':
    case 'none':
      return;
  }
}

/**
 * Resolves when stdin ends or says `quit`, acting on each line before; a line that fails is
 * reported on stderr and skipped (a typo must not stop a test run). `close()` stops reading, so the process can exit.
 */
function readCommands(simulator: ModemSimulator, emit: Emit, output: CliOutput): { ended: Promise<void>; close(): void } {
  const lines = createInterface({ input: process.stdin, terminal: false });
  const ended = new Promise<void>((resolve) => {
    lines.on('line', (line) => {
      try {
        const input = parseSimulatorInput(line);
        if (input.kind === 'quit') resolve();
        else apply(simulator, input, emit, output);
      } catch (error) {
        // A bad line (InvalidArgumentError names the value) or a knob that refused it: said, and the modem runs on.
        output.err(`hologram simulator: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
    lines.once('close', () => resolve());
  });
  return {
    ended,
    close: () => {
      lines.close();
      process.stdin.destroy();
    },
  };
}

export const command = parsedCommand('simulator', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('simulator', `unexpected argument ${JSON.stringify(positionals[0])}: see hologram simulator --help`);
  const personality = findPersonality(vendorOf(values.vendor), values.model);
  if (values.imei !== undefined && !/^\d{15}$/.test(values.imei)) throw new UsageError('simulator', `--imei must be 15 digits, got ${JSON.stringify(values.imei)}`);
  const route = values['connect-to'] === undefined ? undefined : parseAddress(values['connect-to']);
  if (values.link !== undefined && values.link.trim() === '') throw new UsageError('simulator', '--link is empty: give the path of the link to make');
  const json = values.json === true;
  const emit: Emit = (fields, text) => output.out(json ? JSON.stringify(fields) : text);

  // Signals are caught from now on: a Ctrl-C while the pty opens still ends in the clean-up below.
  const stop = untilStopped();
  const pair = await openPtyPair().catch((error: unknown) => {
    stop.cancel();
    throw error;
  });
  const simulator = new ModemSimulator({
    personality,
    ...(values.imei === undefined ? {} : { identity: { imei: values.imei } }),
    ...(route === undefined ? {} : { mapConnect: () => route }),
  });
  let linked = false;
  let input: ReturnType<typeof readCommands> | undefined;
  try {
    if (values.link !== undefined) {
      try {
        await symlink(pair.path, values.link);
        linked = true;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? String(error);
        output.err(`hologram simulator: cannot make the link ${values.link} (${code})${code === 'EEXIST' ? ': it exists already; remove it or pick another --link' : ''}`);
        return 1;
      }
    }
    simulator.attach(pair.stream);
    simulator.smsSubmitted$.subscribe((sms) => {
      const { destination, text, part, pdu } = describeSubmitted(sms);
      emit(
        { event: 'sms-sent', destination, text, part, pdu },
        text === null ? `sms sent by the host: PDU ${pdu}` : `sms sent by the host to ${destination}${part === null ? '' : ` (part ${part})`}: ${JSON.stringify(text)}`,
      );
    });
    if (values.trace === true) simulator.commands$.subscribe((line) => emit({ event: 'at', command: traceLine(line) }, `< ${traceLine(line)}`));

    const identity = { ...personality.identity, ...(values.imei === undefined ? {} : { imei: values.imei }) };
    const device = values.link ?? pair.path;
    emit(
      { device, pty: pair.path, vendor: personality.vendor, model: personality.model, imei: identity.imei, iccid: identity.iccid.replace(/F$/i, '') },
      `Modem simulator ${identity.manufacturer} ${personality.model} (IMEI ${identity.imei}) on ${device}`,
    );
    if (!json) output.err(values['ignore-stdin'] === true ? 'Ctrl-C to stop' : 'Type "help" for commands; Ctrl-C or end of input to stop');

    input = values['ignore-stdin'] === true ? undefined : readCommands(simulator, emit, output);
    await Promise.race([stop.stopped, ...(input === undefined ? [] : [input.ended])]);
    return 0;
  } finally {
    stop.cancel();
    input?.close();
    await simulator.close();
    await pair.close();
    if (linked) await unlink(values.link as string).catch(() => undefined);
  }
});
