import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import { isRegistered } from './registration';
import { fromCharset, toCharset } from './sms-text-mode';

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
  state.device.nextUsbProfile = profile;
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

export const DEVICE_COMMANDS: CommandTable = {
  '+CPIN': simPin,
  '+CLIP': setting('+CLIP', [0, 1], (c) => (c.state.settings.callerId ? 1 : 0), (c, v) => (c.state.settings.callerId = v === 1), ',1'),
  '+CTZU': setting('+CTZU', [0, 1], (c) => (c.state.device.automaticTimeZone ? 1 : 0), (c, v) => (c.state.device.automaticTimeZone = v === 1)),
  '+CTZR': setting('+CTZR', [0, 1, 2], (c) => c.state.settings.timeZoneReporting, (c, v) => (c.state.settings.timeZoneReporting = v)),
  '+CBC': batteryCharge,
  '+UUSBCONF': usbProfile,
  '+CUSD': ussd,
};
