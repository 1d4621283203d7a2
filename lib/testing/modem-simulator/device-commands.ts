import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import { isRegistered } from './registration';
import { formatServiceCentreTime, fromCharset, toCharset } from './sms-text-mode';

/**
 * 27.007 device and supplementary-service commands that clients ask on start-up: SIM state, caller
 * id, network time zone, battery, USSD, and the u-blox USB profile. One real unit's answers each.
 */

/** `AT+CPIN?`: the simulated SIM has no PIN, so it is `READY`; entering a PIN is then not allowed. */
function simPin(context: CommandContext): void {
  const { command } = context;
  if (command.form === 'read') {
    context.info('+CPIN: READY');
    return context.ok();
  }
  if (command.form === 'test') return context.ok();
  context.cme(3);
}

/** A 27.007 `<n>` switch: read `<prefix>: <n>[<suffix>]`, set one of `allowed`. */
function setting(
  name: string,
  allowed: readonly number[],
  get: (context: CommandContext) => number,
  set: (context: CommandContext, value: number) => void,
  suffix = '',
) {
  return (context: CommandContext): void => {
    const { command } = context;
    if (command.form === 'read') {
      context.info(`${name}: ${get(context)}${suffix}`);
      return context.ok();
    }
    if (command.form === 'test') {
      context.info(`${name}: (${allowed.join(',')})`);
      return context.ok();
    }
    const value = command.form === 'exec' ? 0 : integerArg(command, 0);
    if (value === undefined || !allowed.includes(value) || command.args.length > 1) return context.cme(50);
    set(context, value);
    context.ok();
  };
}

/** `AT+CBC`: a USB modem on bus power. u-blox `+CBC: <bcs>,<bcl>`, Quectel adds the voltage (mV). */
function batteryCharge(context: CommandContext): void {
  if (context.command.form === 'test') return context.ok();
  if (context.command.form !== 'exec') return context.error();
  context.info(context.state.personality.batteryVoltage ? '+CBC: 0,100,4200' : '+CBC: 0,100');
  context.ok();
}

/**
 * `AT+UUSBCONF` (SARA-U2): the USB profile, 0 (`0x1102`, several ACM ports) or 2 (`0x1104`, ECM).
 * A new profile takes effect at the next boot, as on the unit.
 */
function usbProfile(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    const active = state.device.usbProfile;
    context.info(active === 0 ? '+UUSBCONF: 0,"",,"0x1102"' : '+UUSBCONF: 2,"ECM",,"0x1104"');
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+UUSBCONF: (0,2)');
    return context.ok();
  }
  const profile = integerArg(command, 0);
  if (command.form !== 'set' || (profile !== 0 && profile !== 2) || command.args.length > 1) return context.cme(3);
  state.device.nextUSBProfile = profile;
  context.ok();
}

/**
 * `AT+CUSD=<n>[,<str>[,<dcs>]]`: with `<str>`, a USSD request; the network's answer comes as the
 * `+CUSD: <m>,"<str>",<dcs>` URC after `OK` (m 0 = no further action), from the `ussd` option;
 * codes it does not know get `+CUSD: 4` (operation not supported). Needs registration.
 */
function ussd(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+CUSD: ${state.settings.ussdResults ? 1 : 0}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+CUSD: (0-2)');
    return context.ok();
  }
  const n = command.form === 'exec' ? 0 : integerArg(command, 0);
  const dcs = command.args[2] === undefined ? 15 : integerArg(command, 2);
  const request = command.args[1] === undefined ? undefined : fromCharset(command.args[1], state.settings.charset);
  if (n === undefined || n > 2 || dcs === undefined || dcs > 255 || command.args.length > 3) return context.cme(50);
  if (command.args[1] !== undefined && (request === undefined || !/^[0-9*#+]+$/.test(request))) return context.cme(50);
  if (request !== undefined && !isRegistered(state.radio.registration)) return context.cme(30);
  if (n !== 2) state.settings.ussdResults = n === 1;
  context.ok();
  if (request === undefined || n === 2) return;
  const reply = state.device.ussdReplies[request];
  context.urc(reply === undefined ? '+CUSD: 4' : `+CUSD: 0,"${toCharset(reply, state.settings.charset)}",15`);
}

/** `AT+CPAS`: the phone activity status; 0 (ready): a packet data call is no call in 27.007's sense. */
function activityStatus(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'test') {
    context.info(`+CPAS: ${state.personality.activityStatuses}`);
    return context.ok();
  }
  if (command.form !== 'exec') return context.error();
  context.info('+CPAS: 0');
  context.ok();
}

/** `"yy/MM/dd,hh:mm:ss±zz"`: the clock `AT+CCLK` reads and sets (27.007 §8.15, zone in quarter hours). */
const CLOCK = /^(\d\d)\/(\d\d)\/(\d\d),(\d\d):(\d\d):(\d\d)([+-]\d\d)$/;

/**
 * `AT+CCLK`: the module clock, which runs with the scheduler's clock (network time after power-on,
 * UTC); setting it keeps the distance and the zone.
 */
function clock(context: CommandContext): void {
  const { command, state } = context;
  const { device } = state;
  if (command.form === 'test') return context.ok();
  if (command.form === 'read') {
    const offsetMinutes = device.clockZoneQuarters * 15;
    const date = new Date(context.now() + device.clockOffsetMs);
    context.info(`+CCLK: "${formatServiceCentreTime({ date, offsetMinutes })}"`);
    return context.ok();
  }
  const match = command.form === 'set' ? CLOCK.exec(command.args[0] ?? '') : null;
  if (!match || !command.quoted[0]) return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  const [year, month, day, hours, minutes, seconds, zone] = match.slice(1).map(Number);
  const local = Date.UTC(2000 + year, month - 1, day, hours, minutes, seconds);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 59 || Math.abs(zone) > 96) {
    return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  }
  device.clockZoneQuarters = zone;
  // The string is local time in `zone`: the clock keeps UTC.
  device.clockOffsetMs = local - zone * 15 * 60_000 - context.now();
  context.ok();
}

/** `AT+CIND`: the indicators the unit lists (`=?`), read from the simulated state (27.007 §8.9). */
function indicators(context: CommandContext): void {
  const { command, state } = context;
  const { indicators: names } = state.personality;
  if (command.form === 'test') {
    context.info(`+CIND: ${names.map(([name, range]) => `("${name}",${range})`).join(',')}`);
    return context.ok();
  }
  if (command.form !== 'read') return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  const registration = state.radio.registration;
  const { rssi } = state.radio.signal;
  const registered = isRegistered(registration);
  const unread = Object.values(state.sms.stores).some((store) => store.count(0) > 0);
  const full = Object.values(state.sms.stores).some((store) => store.used >= store.capacity);
  const values: Record<string, number> = {
    battchg: 5,
    signal: rssi === 99 ? 0 : Math.min(5, Math.ceil(rssi / 6)),
    service: Number(registered),
    sounder: 0,
    message: Number(unread),
    call: 0,
    roam: Number(registration.stat === 5),
    smsfull: Number(full),
    gprs: registered && state.packetData.attached ? 1 : 0,
    'GPRS coverage': registered && state.packetData.attached ? 1 : 0,
    callsetup: 0,
    callheld: 0,
    simind: 1,
  };
  context.info(`+CIND: ${names.map(([name]) => values[name]).join(',')}`);
  context.ok();
}

/**
 * `AT+CLCC`: the current calls (27.007 §7.18): none, as the simulated network carries no voice or
 * CSD calls (a packet data call is not listed). Exec and test only, as in both vendors' manuals.
 */
function currentCalls(context: CommandContext): void {
  const { form } = context.command;
  if (form !== 'exec' && form !== 'test') return context.error();
  context.ok();
}

export const DEVICE_COMMANDS: CommandTable = {
  '+CLCC': currentCalls,
  '+CPAS': activityStatus,
  '+CCLK': clock,
  '+CIND': indicators,
  '+CPIN': simPin,
  '+CRC': setting('+CRC', [0, 1], (c) => (c.state.settings.cellularResultCodes ? 1 : 0), (c, v) => (c.state.settings.cellularResultCodes = v === 1)),
  '+CLIP': setting('+CLIP', [0, 1], (c) => (c.state.settings.callerId ? 1 : 0), (c, v) => (c.state.settings.callerId = v === 1), ',1'),
  '+CTZU': setting('+CTZU', [0, 1], (c) => (c.state.device.automaticTimeZone ? 1 : 0), (c, v) => (c.state.device.automaticTimeZone = v === 1)),
  '+CTZR': setting('+CTZR', [0, 1, 2], (c) => c.state.settings.timeZoneReporting, (c, v) => (c.state.settings.timeZoneReporting = v)),
  '+CBC': batteryCharge,
  '+UUSBCONF': usbProfile,
  '+CUSD': ussd,
};
