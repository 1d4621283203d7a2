import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import { copyProfile, factoryProfile, FIXED_REGISTERS, type V250Profile } from './v250-profile';

/**
 * V.250 basic commands that dialers (chat, wvdial, Device::Modem, gsmlib) send before they dial:
 * result code suppression and format, DCD/DTR/flow-control modes, S-registers, profiles (`&V`,
 * `&W`, `Z`, `&F`), the serial rate and the service class. Each value is kept and read back; the
 * ones with nothing to act on in a simulator (a pty has no DTR or DCD line) change no behaviour.
 */

/** A numbered basic command (`ATX4`, `AT&D2`): a missing number is 0 (V.250 §5.3.1). */
function basicSetting(allowed: readonly number[], set: (profile: V250Profile, value: number) => void) {
  return (context: CommandContext): void => {
    const value = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
    if (value === undefined || !allowed.includes(value)) return context.error();
    set(context.state.settings.profile, value);
    context.ok();
  };
}

/** `ATQ1` takes effect at once: its own `OK` is already suppressed. */
function quiet(context: CommandContext): void {
  const value = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (value !== 0 && value !== 1) return context.error();
  context.state.settings.profile.quiet = value === 1;
  context.ok();
}

/**
 * `ATS<n>?` answers the value as three digits (V.250 §6.3.1 and both vendors' manuals);
 * `ATS<n>=<v>` sets it within the model's range. Registers the model lacks are an error.
 */
function sRegister(context: CommandContext): void {
  const { command, state } = context;
  const number = integerArg(command, 0);
  const register = state.personality.sRegisters.find((r) => r.number === number);
  if (!register) return context.error();
  if (command.form === 'read') {
    context.info(String(state.settings.profile.registers.get(register.number)).padStart(3, '0'));
    return context.ok();
  }
  const value = integerArg(command, 1);
  const fixed = FIXED_REGISTERS.get(register.number);
  if (value === undefined || value < register.min || value > register.max || (fixed !== undefined && value !== fixed)) {
    return context.error();
  }
  state.settings.profile.registers.set(register.number, value);
  context.ok();
}

/** `ATZ[0]`: the stored profile (`AT&W`), or the factory one, and power-on session settings. */
function restoreProfile(context: CommandContext): void {
  const which = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (which !== 0) return context.error();
  context.state.settings.reset(context.state.device.storedProfile);
  context.ok();
}

/** `AT&F[0]`: factory settings (the stored profile is kept for the next `ATZ`). */
function factoryDefaults(context: CommandContext): void {
  const which = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (which !== 0) return context.error();
  context.state.settings.reset();
  context.ok();
}

/** `AT&W[0]`: stores the active profile in the module's NVM (it survives `ATZ` and reboots). */
function storeProfile(context: CommandContext): void {
  const which = context.command.args.length === 0 ? 0 : integerArg(context.command, 0);
  if (which !== 0) return context.error();
  context.state.device.storedProfile = copyProfile(context.state.settings.profile);
  context.ok();
}

/**
 * `AT&V`: the current configuration as each vendor prints it. u-blox: an `ACTIVE PROFILE:` line
 * of comma-separated items, then the stored profile (SARA AT manuals, `&V`); Quectel: one
 * `<item>: <value>` line each (BG96/EC21 AT manuals, `AT&V`). Only the items the simulator models.
 */
function showConfiguration(context: CommandContext): void {
  const { settings, personality, device } = context.state;
  // The stored profile holds the V.250 settings; the rate and SMS settings are shown for the session.
  if (personality.vendor === 'u-blox') {
    const items = (profile: V250Profile, session: readonly string[]): string =>
      [
        `&C${profile.dcdMode}`,
        `&D${profile.dtrMode}`,
        `&K${profile.flowControl}`,
        `E${Number(profile.echo)}`,
        `Q${Number(profile.quiet)}`,
        `V${Number(profile.verbose)}`,
        `X${profile.resultCodes}`,
        ...[...profile.registers].map(([n, v]) => `S${String(n).padStart(2, '0')}:${String(v).padStart(3, '0')}`),
        ...session,
      ].join(', ');
    const session = [
      `+IPR:${settings.baudRate}`,
      `+CMGF:${settings.smsFormat}`,
      `+CNMI:${settings.newMessageIndication.mode},${settings.newMessageIndication.mt},0,0,0`,
    ];
    const stored = device.storedProfile ?? factoryProfile(personality);
    context.info('ACTIVE PROFILE:', items(settings.profile, session), '', 'STORED PROFILE 0:', items(stored, []));
    return context.ok();
  }
  const profile = settings.profile;
  context.info(
    `&C: ${profile.dcdMode}`,
    `&D: ${profile.dtrMode}`,
    `&F: 0`,
    `&W: 0`,
    `E: ${Number(profile.echo)}`,
    `Q: ${Number(profile.quiet)}`,
    `V: ${Number(profile.verbose)}`,
    `X: ${profile.resultCodes}`,
    `Z: 0`,
    ...[...profile.registers].map(([n, v]) => `S${n}: ${v}`),
  );
  context.ok();
}

/** Rates both vendors list for `AT+IPR` (0: autobauding). */
const RATES = [0, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600];

/** `AT+IPR`: the serial rate; kept and read back (a USB or pty line has no rate to change). */
function serialRate(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+IPR: ${state.settings.baudRate}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info(`+IPR: (${RATES.join(',')}),()`);
    return context.ok();
  }
  const rate = command.form === 'exec' ? 0 : integerArg(command, 0);
  if (rate === undefined || !RATES.includes(rate) || command.args.length > 1) return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  state.settings.baudRate = rate;
  context.ok();
}

/** `AT+FCLASS` (V.250 / T.31): 0 data is the one service class a packet data module offers. */
function serviceClass(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+FCLASS: ${state.settings.serviceClass}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+FCLASS: (0)');
    return context.ok();
  }
  if (command.form !== 'set' || integerArg(command, 0) !== 0 || command.args.length > 1) return context.error();
  state.settings.serviceClass = 0;
  context.ok();
}

export const V250_COMMANDS: CommandTable = {
  Q: quiet,
  X: basicSetting([0, 1, 2, 3, 4], (profile, value) => (profile.resultCodes = value)),
  '&C': basicSetting([0, 1], (profile, value) => (profile.dcdMode = value)),
  '&D': basicSetting([0, 1, 2], (profile, value) => (profile.dtrMode = value)),
  '&K': basicSetting([0, 3, 4], (profile, value) => (profile.flowControl = value)),
  S: sRegister,
  Z: restoreProfile,
  '&F': factoryDefaults,
  '&W': storeProfile,
  '&V': showConfiguration,
  '+IPR': serialRate,
  '+FCLASS': serviceClass,
};
