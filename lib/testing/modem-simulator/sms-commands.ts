import { integerArg } from './at-command';
import type { CommandContext, CommandTable, ModemServices } from './command-context';
import { isRegistered } from './registration';
import { isPduHex, tpduLength, type SmsStatus } from './sms-store';

/**
 * 27.005 SMS commands in PDU mode (the mode the SDK uses). Text mode can be selected with
 * `AT+CMGF=1`, but reading, listing and sending then answer `+CMS ERROR: 302`: rendering text mode
 * needs a PDU decoder, which the simulator deliberately does without.
 */

/** Memories the simulator answers to; all name the one message store. */
const MEMORIES = ['ME', 'MT', 'SM'];

function messageFormat(context: CommandContext): void {
  const { settings } = context.state;
  if (context.command.form === 'read') {
    context.info(`+CMGF: ${settings.smsFormat}`);
    return context.ok();
  }
  const mode = integerArg(context.command, 0);
  if (context.command.form !== 'set' || (mode !== 0 && mode !== 1)) return context.error();
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
  const mode = integerArg(context.command, 0) ?? 0;
  const mt = integerArg(context.command, 1) ?? 0;
  if (mode > 3 || mt > 3) return context.cms(303);
  settings.newMessageIndication = { mode, mt };
  context.ok();
}

function preferredStorage(context: CommandContext): void {
  const { store } = context.state.sms;
  const usage = `${store.used},${store.capacity}`;
  if (context.command.form === 'read') {
    context.info(`+CPMS: "ME",${usage},"ME",${usage},"ME",${usage}`);
    return context.ok();
  }
  if (context.command.form === 'test') {
    context.info('+CPMS: ("ME","MT","SM"),("ME","MT","SM"),("ME","MT","SM")');
    return context.ok();
  }
  const memories = context.command.args.filter((m) => m !== '');
  if (context.command.form !== 'set' || memories.length === 0) return context.error();
  if (!memories.every((m) => MEMORIES.includes(m.toUpperCase()))) return context.cms(302);
  context.info(`+CPMS: ${[usage, usage, usage].slice(0, Math.max(memories.length, 2)).join(',')}`);
  context.ok();
}

function readMessage(context: CommandContext): void {
  const { settings, sms } = context.state;
  const index = integerArg(context.command, 0);
  if (context.command.form !== 'set' || index === undefined) return context.error();
  if (settings.smsFormat !== 0) return context.cms(302);
  if (!sms.store.isValidIndex(index)) return context.cms(321);
  const message = sms.store.read(index);
  if (message) context.info(`+CMGR: ${message.status},,${tpduLength(message.pduHex)}`, message.pduHex);
  context.ok();
}

function listMessages(context: CommandContext): void {
  const { settings, sms } = context.state;
  const status = context.command.form === 'exec' ? 0 : integerArg(context.command, 0);
  if (status === undefined || status > 4) return context.cms(302);
  if (settings.smsFormat !== 0) return context.cms(302);
  const lines = sms.store
    .list(status as SmsStatus | 4)
    .flatMap((m) => [`+CMGL: ${m.index},${m.status},,${tpduLength(m.pduHex)}`, m.pduHex]);
  context.info(...lines);
  context.ok();
}

function deleteMessage(context: CommandContext): void {
  const { store } = context.state.sms;
  const index = integerArg(context.command, 0);
  const flag = integerArg(context.command, 1) ?? 0;
  if (context.command.form !== 'set' || index === undefined || flag > 4) return context.error();
  if (flag > 0) {
    store.deleteByFlag(flag as 1 | 2 | 3 | 4);
    return context.ok();
  }
  if (!store.isValidIndex(index)) return context.cms(321);
  store.delete(index);
  context.ok();
}

/**
 * `AT+CMGS=<length>`: prompt, then the PDU in hex up to Ctrl-Z (ESC cancels). The PDU is recorded
 * and answered with `+CMGS: <mr>`; a malformed PDU or one whose TPDU length differs from `<length>`
 * gets `+CMS ERROR: 304`, as on the real units.
 */
async function sendMessage(context: CommandContext): Promise<void> {
  const { settings, sms, radio } = context.state;
  const length = integerArg(context.command, 0);
  if (context.command.form !== 'set' || length === undefined) return context.error();
  if (settings.smsFormat !== 0) return context.cms(302);
  const body = await context.prompt('\r\n> ', { kind: 'ctrl-z' });
  if (body.kind === 'cancelled') return context.ok();
  const pduHex = body.bytes.toString('latin1').trim().toUpperCase();
  if (!isPduHex(pduHex) || tpduLength(pduHex) !== length) return context.cms(304);
  if (!isRegistered(radio.registration)) return context.cms(331);
  const messageReference = sms.nextReference;
  sms.nextReference = (sms.nextReference + 1) % 256;
  context.smsSubmitted({ length, pduHex, messageReference });
  context.info(`+CMGS: ${messageReference}`);
  context.ok();
}

/**
 * A message arrives from the network. Stored (with `+CMTI` when `AT+CNMI` mt ≥ 1) unless the host
 * asked for direct delivery (mt 2: `+CMT: ,<length>` then the PDU); `store` overrides that choice.
 * Returns the storage index, or `undefined` when delivered directly or the memory is full.
 */
export function deliverSms(services: ModemServices, pduHex: string, store?: boolean): number | undefined {
  const { settings, sms } = services.state;
  const pdu = pduHex.toUpperCase();
  const mt = settings.newMessageIndication.mt;
  if (store === false || (store === undefined && mt === 2)) {
    services.urc(`+CMT: ,${tpduLength(pdu)}`, pdu);
    return undefined;
  }
  const index = sms.store.store(pdu);
  if (index !== undefined && mt >= 1) services.urc(`+CMTI: "ME",${index}`);
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
};
