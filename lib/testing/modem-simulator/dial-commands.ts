import { integerArg } from './at-command';
import type { CommandContext, CommandTable, ModemServices } from './command-context';
import { isRegistered } from './registration';

/**
 * Dialling a packet data call, as PPP dialers do (chat, wvdial, pppd): `ATD*99***<cid>#` answers
 * `CONNECT` and the line goes to online data state; `+++` (see escape-sequence.ts) leaves it in
 * online command state, `ATO` goes back, `ATH` hangs up. The simulated network offers packet data
 * only: any other number (a voice or CSD call) gets `NO CARRIER`, as does dialling unregistered.
 */

/**
 * 27.007 §10.2.1.1: `D*99[*[<called address>][*[<L2P>][*[<cid>]]]]#`, with an optional `T`/`P`
 * (tone/pulse, ignored). The context is 1 when the string names none.
 */
const PACKET_DIAL = /^[TP]?\*99(?:\*[^*#]*(?:\*[^*#]*(?:\*(\d+))?)?)?#$/;

function dial(context: CommandContext): void {
  const { packetData, radio } = context.state;
  if (packetData.call.kind !== 'command') return context.error();
  const match = PACKET_DIAL.exec(context.command.args[0].toUpperCase());
  const noCarrier = (): void => context.finish({ kind: 'text', text: 'NO CARRIER' });
  if (!match || !isRegistered(radio.registration) || !packetData.attached) return noCarrier();
  const cid = match[1] === undefined ? 1 : Number(match[1]);
  if (cid < 1 || cid > 16) return noCarrier();
  const pdp = packetData.context(cid);
  const ownsContext = !pdp.active;
  pdp.active = true;
  packetData.call = { kind: 'online-data', cid, ownsContext };
  context.finish({ kind: 'text', text: 'CONNECT' });
  context.online();
}

/** `ATO[0]`: back to online data state after `+++`; `NO CARRIER` with no call (V.250 §6.3.7). */
function returnOnline(context: CommandContext): void {
  const { packetData } = context.state;
  const which = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (which !== 0) return context.error();
  const call = packetData.call;
  if (call.kind !== 'online-command') return context.finish({ kind: 'text', text: 'NO CARRIER' });
  packetData.call = { ...call, kind: 'online-data' };
  context.finish({ kind: 'text', text: 'CONNECT' });
  context.online();
}

/** `ATH[0]`: hangs the call up (from online command state) and answers `OK`; with no call, just `OK`. */
function hangUp(context: CommandContext): void {
  const which = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (which !== 0) return context.error();
  endCall(context);
  context.ok();
}

/** Ends the data call, if any: the context the dial activated goes down with it. True if there was one. */
export function endCall(services: ModemServices): boolean {
  const { packetData } = services.state;
  const call = packetData.call;
  if (call.kind === 'command') return false;
  if (call.ownsContext) packetData.context(call.cid).active = false;
  packetData.call = { kind: 'command' };
  return true;
}

export const DIAL_COMMANDS: CommandTable = {
  D: dial,
  O: returnOnline,
  H: hangUp,
};
