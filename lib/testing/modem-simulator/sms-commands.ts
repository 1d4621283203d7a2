import { integerArg, optionalIntegerArg } from './at-command';
import type { CommandContext, CommandTable, ModemServices } from './command-context';
import { isRegistered } from './registration';
import type { CharacterSet, SMSMemory } from './modem-state';
import { isPDUHex, tpduLength, type SMSStatus } from './sms-store';
import { fromCharset, parseStatus, STATUS_NAMES, textListLines, textModeSubmit, textReadLines, toCharset } from './sms-text-mode';

/**
 * 27.005 SMS commands in PDU mode (the SDK's) and text mode (`AT+CMGF=1`: what the Python SDK
 * sends with). Two memories, "SM" (SIM) and "ME" (module), chosen with `AT+CPMS`; each message is
 * in one of them. Text mode renders the stored PDUs with the SDK's codec (sms-text-mode.ts).
 */

const MEMORIES: readonly SMSMemory[] = ['SM', 'ME'];

/** Parameters that do not parse: PDU mode says 304, text mode 305 (27.005 §3.2.5). */
const badParameter = (context: CommandContext): void =>
  context.cms(context.state.settings.smsFormat === 1 ? 305 : 304);

function messageFormat(context: CommandContext): void {
  const { settings } = context.state;
  if (context.command.form === 'read') {
    context.info(`+CMGF: ${settings.smsFormat}`);
    return context.ok();
  }
  if (context.command.form === 'test') {
    context.info('+CMGF: (0,1)');
    return context.ok();
  }
  const mode = context.command.form === 'exec' ? 0 : integerArg(context.command, 0);
  if (mode !== 0 && mode !== 1) return context.error();
  settings.smsFormat = mode;
  context.ok();
}

function newMessageIndication(context: CommandContext): void {
  const { settings } = context.state;
  if (context.command.form === 'read') {
    const { mode, mt } = settings.newMessageIndication;
    context.info(`+CNMI: ${mode},${mt},0,0,0`);
    return context.ok();
  }
  if (context.command.form === 'test') {
    context.info('+CNMI: (0-2),(0-3),(0,2),(0-1),(0-1)');
    return context.ok();
  }
  const values = context.command.args.map((_, i) => optionalIntegerArg(context.command, i, 0));
  if (values.some((value) => value === undefined || value > 3) || values.length > 5) return context.cms(303);
  settings.newMessageIndication = { mode: values[0] ?? 0, mt: values[1] ?? 0 };
  context.ok();
}

/**
 * `AT+CPMS`: reading answers `"<mem>",<used>,<total>` for the three memories, setting answers the
 * three `<used>,<total>` pairs (27.005 §3.2.2); memories left out keep their choice.
 */
function preferredStorage(context: CommandContext): void {
  const { sms } = context.state;
  const usage = (memory: SMSMemory): string => `${sms.stores[memory].used},${sms.stores[memory].capacity}`;
  if (context.command.form === 'read') {
    context.info(`+CPMS: ${sms.preferred.map((memory) => `"${memory}",${usage(memory)}`).join(',')}`);
    return context.ok();
  }
  if (context.command.form === 'test') {
    const list = `(${MEMORIES.map((memory) => `"${memory}"`).join(',')})`;
    context.info(`+CPMS: ${list},${list},${list}`);
    return context.ok();
  }
  const args = context.command.args;
  if (context.command.form !== 'set' || args.length > 3 || args[0].trim() === '') return context.cms(302);
  const wanted = args.map((arg) => arg.trim().toUpperCase());
  if (!wanted.every((memory) => memory === '' || MEMORIES.includes(memory as SMSMemory))) return context.cms(302);
  sms.preferred = sms.preferred.map((memory, i) => (wanted[i] ? (wanted[i] as SMSMemory) : memory)) as typeof sms.preferred;
  context.info(`+CPMS: ${sms.preferred.map(usage).join(',')}`);
  context.ok();
}

function readMessage(context: CommandContext): void {
  const { settings, sms } = context.state;
  const index = integerArg(context.command, 0);
  if (context.command.form === 'test') return context.ok();
  if (context.command.form !== 'set' || index === undefined || context.command.args.length > 2) return badParameter(context);
  if (!sms.readStore.isValidIndex(index)) return context.cms(321);
  const message = sms.readStore.read(index);
  if (message && settings.smsFormat === 1) context.info(...textReadLines(message, settings.charset));
  else if (message) context.info(`+CMGR: ${message.status},,${tpduLength(message.pduHex)}`, message.pduHex);
  context.ok();
}

function listMessages(context: CommandContext): void {
  const { settings, sms } = context.state;
  const textMode = settings.smsFormat === 1;
  if (context.command.form === 'test') {
    context.info(textMode ? `+CMGL: (${STATUS_NAMES.map((name) => `"${name}"`).join(',')})` : '+CMGL: (0-4)');
    return context.ok();
  }
  const given = context.command.form === 'exec' ? undefined : context.command.args[0];
  const status = given === undefined ? 0 : parseStatus(given, textMode);
  if (status === undefined || context.command.args.length > 2) return badParameter(context);
  const lines = sms.readStore
    .list(status)
    .flatMap((m) => (textMode ? textListLines(m, settings.charset) : [`+CMGL: ${m.index},${m.status},,${tpduLength(m.pduHex)}`, m.pduHex]));
  context.info(...lines);
  context.ok();
}

function deleteMessage(context: CommandContext): void {
  const store = context.state.sms.readStore;
  const index = integerArg(context.command, 0);
  const flag = optionalIntegerArg(context.command, 1, 0);
  if (context.command.form === 'test') {
    context.info('+CMGD: (),(0-4)');
    return context.ok();
  }
  if (context.command.form !== 'set' || index === undefined || flag === undefined || flag > 4) return context.error();
  if (flag > 0) {
    store.deleteByFlag(flag as 1 | 2 | 3 | 4);
    return context.ok();
  }
  if (!store.isValidIndex(index)) return context.cms(321);
  store.delete(index);
  context.ok();
}

/** An SMS-SUBMIT the host wrote after a `> ` prompt (`AT+CMGS`, `AT+CMGW`). */
interface WrittenSubmit {
  readonly pduHex: string;
  readonly length: number;
  readonly text?: string;
  readonly destination?: string;
}

/**
 * The prompt and the body of `AT+CMGS`/`AT+CMGW`, up to Ctrl-Z (ESC cancels: `OK`, `undefined`).
 * PDU mode (`=<length>`) takes the PDU in hex: malformed, or a TPDU length that differs from
 * `<length>`, gets `+CMS ERROR: 304`. Text mode (`="<da>"[,<toda>]`) takes the text in the
 * `AT+CSCS` set, made one SMS-SUBMIT with `AT+CSMP`'s coding; text that does not fit gets 305.
 * `undefined` when the command already has its answer.
 */
async function takeSubmit(context: CommandContext): Promise<WrittenSubmit | undefined> {
  const { settings } = context.state;
  const textMode = settings.smsFormat === 1;
  const length = textMode ? undefined : integerArg(context.command, 0);
  const destination = textMode ? fromCharset(context.command.args[0] ?? '', settings.charset) : undefined;
  if (context.command.form !== 'set') return void context.error();
  if (textMode ? !destination || !context.command.quoted[0] : length === undefined) return void badParameter(context);
  const body = await context.prompt('\r\n> ', { kind: 'ctrl-z' });
  if (body.kind === 'cancelled') return void context.ok();
  const written = body.bytes.toString('latin1');
  if (textMode) {
    const text = fromCharset(written, settings.charset);
    const pdu = text === undefined ? undefined : textModeSubmit(destination!, text, settings.textModeParameters.dcs);
    if (!pdu) return void context.cms(305);
    return { ...pdu, text, destination };
  }
  const pduHex = written.trim().toUpperCase();
  if (!isPDUHex(pduHex) || tpduLength(pduHex) !== length) return void context.cms(304);
  return { pduHex, length: length! };
}

/** Hands a submit to the network: `+CMS ERROR: 331` unregistered, else `+<command>: <mr>`. */
function submitToNetwork(context: CommandContext, submit: WrittenSubmit, format: 'pdu' | 'text', answer: string): void {
  const { sms, radio } = context.state;
  if (!isRegistered(radio.registration)) return context.cms(331);
  const messageReference = sms.nextReference;
  sms.nextReference = (sms.nextReference + 1) % 256;
  context.smsSubmitted({ ...submit, format, messageReference });
  context.info(`${answer}: ${messageReference}`);
  context.ok();
}

/** `AT+CMGS`: sends the SMS written after the prompt (see `takeSubmit`), answered `+CMGS: <mr>`. */
async function sendMessage(context: CommandContext): Promise<void> {
  if (context.command.form === 'test') return context.ok();
  const submit = await takeSubmit(context);
  if (submit) submitToNetwork(context, submit, context.state.settings.smsFormat === 1 ? 'text' : 'pdu', '+CMGS');
}

/**
 * `AT+CMGW`: stores the SMS written after the prompt in `<mem2>` with `<stat>` (PDU mode
 * `=<length>[,<stat>]`, default 2 "stored unsent"), answered `+CMGW: <index>`; a full memory is
 * `+CMS ERROR: 322` (27.005 §3.5.3).
 */
async function writeMessage(context: CommandContext): Promise<void> {
  const { settings, sms } = context.state;
  if (context.command.form === 'test') return context.ok();
  const status = settings.smsFormat === 1 ? 2 : optionalIntegerArg(context.command, 1, 2);
  if (status === undefined || status > 3) return badParameter(context);
  const submit = await takeSubmit(context);
  if (!submit) return;
  const index = sms.stores[sms.preferred[1]].store(submit.pduHex, status as SMSStatus);
  if (index === undefined) return context.cms(322);
  context.info(`+CMGW: ${index}`);
  context.ok();
}

/**
 * `AT+CMSS=<index>`: sends a message stored in `<mem2>` and marks it sent (27.005 §3.5.2),
 * answered `+CMSS: <mr>`. A new destination (`<da>`) is refused (303): the simulator sends the
 * stored PDU as it is.
 */
function sendFromStorage(context: CommandContext): void {
  const { settings, sms } = context.state;
  if (context.command.form === 'test') return context.ok();
  const index = integerArg(context.command, 0);
  if (context.command.form !== 'set' || index === undefined) return badParameter(context);
  if (context.command.args.length > 1) return context.cms(303);
  const store = sms.stores[sms.preferred[1]];
  const message = store.isValidIndex(index) ? store.peek(index) : undefined;
  if (!message) return context.cms(321);
  if (message.status < 2) return context.cms(302);
  const before = context.state.sms.nextReference;
  submitToNetwork(context, { pduHex: message.pduHex, length: tpduLength(message.pduHex) }, settings.smsFormat === 1 ? 'text' : 'pdu', '+CMSS');
  if (sms.nextReference !== before) store.setStatus(index, 3);
}

/** `AT+CSCA`: the service centre, `+CSCA: "<sca>",<tosca>`; setting without a type infers it. */
function serviceCentreAddress(context: CommandContext): void {
  const { sms, settings } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    context.info(`+CSCA: "${toCharset(sms.serviceCentre.address, settings.charset)}",${sms.serviceCentre.type}`);
    return context.ok();
  }
  if (command.form === 'test') return context.ok();
  const address = command.form === 'set' ? fromCharset(command.args[0], settings.charset) : undefined;
  const type = command.args[1] === undefined ? undefined : integerArg(command, 1);
  if (address === undefined || !/^\+?\d{1,20}$/.test(address) || command.args.length > 2) return context.cms(304);
  if (command.args[1] !== undefined && (type === undefined || type > 255)) return context.cms(304);
  sms.serviceCentre = { address, type: type ?? (address.startsWith('+') ? 145 : 129) };
  context.ok();
}

/** `AT+CSMP=<fo>,<vp>,<pid>,<dcs>`: text-mode SMS-SUBMIT parameters, each 0..255; omitted ones stay. */
function textModeParameters(context: CommandContext): void {
  const { settings } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    const { fo, vp, pid, dcs } = settings.textModeParameters;
    context.info(`+CSMP: ${fo},${vp},${pid},${dcs}`);
    return context.ok();
  }
  if (command.form === 'test') return context.ok();
  const keys = ['fo', 'vp', 'pid', 'dcs'] as const;
  if (command.form !== 'set' || command.args.length > 4) return context.cms(305);
  const next = { ...settings.textModeParameters };
  for (const [i, key] of keys.entries()) {
    if (command.args[i] === undefined || command.args[i].trim() === '') continue;
    const value = integerArg(command, i);
    if (value === undefined || value > 255) return context.cms(305);
    next[key] = value;
  }
  settings.textModeParameters = next;
  context.ok();
}

/** `AT+CSMS`: message service 0 (phase 2) or 1 (phase 2+); both support MT, MO and broadcast. */
function messageService(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+CSMS: ${state.sms.service},1,1,1`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+CSMS: (0,1)');
    return context.ok();
  }
  const service = integerArg(command, 0);
  if (command.form !== 'set' || (service !== 0 && service !== 1) || command.args.length > 1) return context.cms(303);
  state.sms.service = service;
  context.info('+CSMS: 1,1,1');
  context.ok();
}

/** `AT+CSCS`: the character set of text parameters. */
function characterSet(context: CommandContext): void {
  const { settings } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    context.info(`+CSCS: "${settings.charset}"`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info(`+CSCS: (${CHARSETS.map((set) => `"${set}"`).join(',')})`);
    return context.ok();
  }
  const wanted = (command.args[0] ?? '').toUpperCase();
  if (command.form !== 'set' || !CHARSETS.includes(wanted as CharacterSet)) return context.cme(50);
  settings.charset = wanted as CharacterSet;
  context.ok();
}

const CHARSETS: readonly CharacterSet[] = ['GSM', 'IRA', 'UCS2'];

/**
 * A message arrives from the network. Stored in `<mem3>` (with `+CMTI` when `AT+CNMI` mt ≥ 1) unless the host
 * asked for direct delivery (mt 2: `+CMT: ,<length>` then the PDU); `store` overrides that choice.
 * Returns the storage index, or `undefined` when delivered directly or the memory is full.
 */
export function deliverSMS(services: ModemServices, pduHex: string, store?: boolean, memory?: SMSMemory): number | undefined {
  const { settings, sms } = services.state;
  const pdu = pduHex.toUpperCase();
  const mt = settings.newMessageIndication.mt;
  if (store === false || (store === undefined && mt === 2)) {
    services.urc(`+CMT: ,${tpduLength(pdu)}`, pdu);
    return undefined;
  }
  const into = memory ?? sms.preferred[2];
  const index = sms.stores[into].store(pdu);
  if (index !== undefined && mt >= 1) services.urc(`+CMTI: "${into}",${index}`);
  return index;
}

export const SMS_COMMANDS: CommandTable = {
  '+CMGF': messageFormat,
  '+CNMI': newMessageIndication,
  '+CPMS': preferredStorage,
  '+CMGR': readMessage,
  '+CMGL': listMessages,
  '+CMGD': deleteMessage,
  '+CMGS': sendMessage,
  '+CMGW': writeMessage,
  '+CMSS': sendFromStorage,
  '+CSCA': serviceCentreAddress,
  '+CSMP': textModeParameters,
  '+CSMS': messageService,
  '+CSCS': characterSet,
};
