import { responseArgs, type ATResponse } from '../at/at-response';
import type { URC } from '../at/urc';

/**
 * PDP (data) context commands and answers per modem family, as pure builders and parsers:
 * - u-blox U201 (2G/3G): the internal profile 0, `+UPSD` / `+UPSDA` / `+UPSND`, loss `+UUPSDD: 0`.
 * - LTE default bearer (u-blox R410): `+CGDCONT` / `+CGACT` / `+CGPADDR` (27.007), loss `+CGEV: ... DEACT`.
 * - Quectel: `+QICSGP` / `+QIACT` / `+QIDEACT`, loss `+QIURC: "pdpdeact",<ctx>`.
 */
export type PDPFlavour = 'ublox-profile' | 'lte-default-bearer' | 'quectel';

export interface PDPCommands {
  /** Commands that configure the APN and activate, in order. */
  activate(apn: string, contextId: number): string[];
  deactivate(contextId: number): string;
  /** The command whose answer says whether the context is active (and maybe its address). */
  status(contextId: number): string;
  parseActive(response: ATResponse, contextId: number): boolean;
  /** The command that reads the address, or undefined when `status` already carries it. */
  address(contextId: number): string | undefined;
  parseAddress(response: ATResponse, contextId: number): string | undefined;
  /** Whether a URC says the network tore the context down. */
  isLost(urc: URC, contextId: number): boolean;
}

function numberAt(args: readonly string[] | undefined, index: number): number | undefined {
  const text = args?.[index];
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/** u-blox SARA-U2 internal PDP profile (always profile 0 here; `contextId` is unused). */
export const UBLOX_PROFILE_PDP: PDPCommands = {
  activate: (apn) => [`AT+UPSD=0,1,"${apn}"`, 'AT+UPSDA=0,3'],
  deactivate: () => 'AT+UPSDA=0,4',
  status: () => 'AT+UPSND=0,8',
  parseActive: (response) => responseArgs(response, '+UPSND').some((args) => numberAt(args, 1) === 8 && numberAt(args, 2) === 1),
  address: () => 'AT+UPSND=0,0',
  parseAddress: (response) => responseArgs(response, '+UPSND').find((args) => numberAt(args, 1) === 0)?.[2] || undefined,
  isLost: (urc) => urc.name === '+UUPSDD' && numberAt(urc.args, 0) === 0,
};

/** 27.007 contexts as the LTE default bearer (SARA-R410): active as soon as the modem registers. */
export const LTE_BEARER_PDP: PDPCommands = {
  activate: (apn, cid) => [`AT+CGDCONT=${cid},"IP","${apn}"`, `AT+CGACT=1,${cid}`],
  deactivate: (cid) => `AT+CGACT=0,${cid}`,
  status: () => 'AT+CGACT?',
  parseActive: (response, cid) => responseArgs(response, '+CGACT').some((args) => numberAt(args, 0) === cid && numberAt(args, 1) === 1),
  address: (cid) => `AT+CGPADDR=${cid}`,
  parseAddress: (response, cid) => responseArgs(response, '+CGPADDR').find((args) => numberAt(args, 0) === cid)?.[1] || undefined,
  // `+CGEV: NW PDN DEACT <cid>`, `+CGEV: ME PDN DEACT <cid>`, `+CGEV: NW DEACT <type>,<addr>[,<cid>]`.
  isLost: (urc, cid) => {
    if (urc.name !== '+CGEV') return false;
    const match = /^\+CGEV:\s*(?:NW|ME)\s+(?:PDN\s+)?DEACT\b(.*)$/i.exec(urc.line);
    if (!match) return false;
    const ids = match[1].match(/\b\d+\b(?![.\d])/g);
    return ids === null || Number(ids[ids.length - 1]) === cid;
  },
};

/** Quectel `+QIACT` contexts; `+QIACT?` answers `+QIACT: <ctx>,<state>,<type>,"<ip>"` per active one. */
export const QUECTEL_PDP: PDPCommands = {
  activate: (apn, ctx) => [`AT+QICSGP=${ctx},1,"${apn}","","",1`, `AT+QIACT=${ctx}`],
  deactivate: (ctx) => `AT+QIDEACT=${ctx}`,
  status: () => 'AT+QIACT?',
  parseActive: (response, ctx) => responseArgs(response, '+QIACT').some((args) => numberAt(args, 0) === ctx && numberAt(args, 1) === 1),
  address: () => undefined,
  parseAddress: (response, ctx) => responseArgs(response, '+QIACT').find((args) => numberAt(args, 0) === ctx)?.[3] || undefined,
  isLost: (urc, ctx) => urc.name === '+QIURC' && urc.args[0] === 'pdpdeact' && numberAt(urc.args, 1) === ctx,
};

export const PDP_COMMANDS: Readonly<Record<PDPFlavour, PDPCommands>> = {
  'ublox-profile': UBLOX_PROFILE_PDP,
  'lte-default-bearer': LTE_BEARER_PDP,
  quectel: QUECTEL_PDP,
};
