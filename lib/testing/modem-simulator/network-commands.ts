import { integerArg, optionalIntegerArg } from './at-command';
import type { CommandContext, CommandTable, ModemServices } from './command-context';
import type { RadioState } from './modem-state';
import type { RegistrationCommand } from './personality';
import { isRegistered, registrationReadLine, registrationURC, type RegistrationURCMode } from './registration';

/**
 * Network commands: signal, registration (with its URCs), operator, PDP contexts.
 */

/**
 * Applies a change to the radio side and prints a registration URC for every registration command
 * whose URCs the host enabled, when what the modem reports actually changed.
 */
export function changeRadio(services: ModemServices, change: (radio: RadioState) => void): void {
  const { radio, settings, personality } = services.state;
  const before = radio.registration;
  change(radio);
  const after = radio.registration;
  const same =
    before.stat === after.stat && before.lac === after.lac && before.ci === after.ci && before.act === after.act;
  if (same) return;
  for (const command of personality.registrationCommands) {
    const line = registrationURC(command, settings.registrationURCModes.get(command) ?? 0, after);
    if (line !== undefined) services.urc(line);
  }
  services.dialect.registrationChanged(services);
}

function registration(command: RegistrationCommand) {
  return (context: CommandContext): void => {
    const { settings, radio } = context.state;
    switch (context.command.form) {
      case 'read':
        context.info(registrationReadLine(command, settings.registrationURCModes.get(command) ?? 0, radio.registration));
        return context.ok();
      case 'test':
        context.info(`${command}: (0-2)`);
        return context.ok();
      case 'set': {
        const mode = integerArg(context.command, 0);
        if (mode === undefined || mode > 2) return context.cme(50);
        settings.registrationURCModes.set(command, mode as RegistrationURCMode);
        return context.ok();
      }
      default:
        return context.error();
    }
  };
}

function signalQuality(context: CommandContext): void {
  if (context.command.form === 'test') {
    context.info('+CSQ: (0-31,99),(0-7,99)');
    return context.ok();
  }
  const { radio } = context.state;
  const { rssi, ber } = radio.functionality === 1 ? radio.signal : { rssi: 99, ber: 99 };
  context.info(`+CSQ: ${rssi},${ber}`);
  context.ok();
}

const clamp = (value: number, low: number, high: number): number => Math.max(low, Math.min(high, value));

/**
 * `AT+CESQ` (27.007 §8.69) derived from the configured RSSI: LTE units report RSRQ/RSRP, 3G units
 * RSCP/EcNo, the rest 255 (unknown). An approximation: RSRP is taken 17 dB under the RSSI, RSRQ
 * and EcNo are fixed mid-range values.
 */
function extendedSignalQuality(context: CommandContext): void {
  const { radio, personality } = context.state;
  const rssi = radio.functionality === 1 ? radio.signal.rssi : 99;
  if (rssi === 99) {
    context.info('+CESQ: 99,99,255,255,255,255');
    return context.ok();
  }
  const dbm = -113 + 2 * rssi;
  if (personality.accessTechnology >= 7) {
    context.info(`+CESQ: 99,99,255,255,20,${clamp(dbm - 17 + 141, 0, 97)}`);
  } else {
    context.info(`+CESQ: 99,99,${clamp(dbm + 121, 0, 96)},30,255,255`);
  }
  context.ok();
}

/**
 * `AT+COPS`: the read form names the operator in the format `AT+COPS=3,<format>` chose (0 long,
 * 1 short, 2 numeric MCC+MNC). Setting mode 0 (automatic) or 3 (format only) is accepted; manual
 * selection is not simulated (`+CME ERROR: 3`).
 */
function operatorSelection(context: CommandContext): void {
  const { radio, settings } = context.state;
  const { command } = context;
  const names = [radio.operator.long, radio.operator.short, radio.operator.numeric];
  if (command.form === 'read') {
    const current = radio.registration;
    const format = settings.operatorFormat;
    context.info(isRegistered(current) ? `+COPS: 0,${format},"${names[format]}",${current.act}` : '+COPS: 0');
    return context.ok();
  }
  if (command.form === 'test') {
    const { act } = radio.registration;
    context.info(`+COPS: (2,"${names[0]}","${names[1]}","${names[2]}",${act}),,(0-4),(0-2)`);
    return context.ok();
  }
  const mode = command.form === 'exec' ? 0 : integerArg(command, 0);
  const formatGiven = command.args[1] !== undefined && command.args[1] !== '';
  const format = formatGiven ? integerArg(command, 1) : undefined;
  if (mode === undefined || mode > 4 || (formatGiven && (format === undefined || format > 2))) return context.cme(50);
  if (mode !== 0 && mode !== 3) return context.cme(3);
  if (mode === 3 && format === undefined) return context.cme(50);
  if (format !== undefined) settings.operatorFormat = format as 0 | 1 | 2;
  context.ok();
}

/** u-blox `AT+UDOPN=<type>`: the operator name; type 12 is the one the SDK asks for. */
function operatorName(context: CommandContext): void {
  const type = integerArg(context.command, 0);
  if (context.command.form !== 'set' || type === undefined) return context.error();
  if (!isRegistered(context.state.radio.registration)) return context.cme(30);
  context.info(`+UDOPN: ${type},"${context.state.radio.operator.long}"`);
  context.ok();
}

function pdpContextDefinition(context: CommandContext): void {
  const { packetData } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    const lines = [...packetData.contexts.entries()]
      .filter(([, pdp]) => pdp.apn !== '')
      .sort(([a], [b]) => a - b)
      .map(([cid, pdp]) => `+CGDCONT: ${cid},"IP","${pdp.apn}","0.0.0.0",0,0`);
    context.info(...lines);
    return context.ok();
  }
  if (command.form !== 'set') return context.error();
  const cid = integerArg(command, 0);
  if (cid === undefined || cid < 1 || cid > 16) return context.cme(50);
  const type = command.args[1];
  if (type !== undefined && !['IP', 'IPV6', 'IPV4V6'].includes(type.toUpperCase())) return context.cme(50);
  packetData.context(cid).apn = command.args[2] ?? '';
  context.ok();
}

function pdpContextActivation(context: CommandContext): void {
  const { packetData, radio } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    const lines = [...packetData.contexts.entries()]
      .sort(([a], [b]) => a - b)
      .map(([cid, pdp]) => `+CGACT: ${cid},${pdp.active ? 1 : 0}`);
    context.info(...lines);
    return context.ok();
  }
  if (command.form !== 'set') return context.error();
  const state = integerArg(command, 0);
  const cid = optionalIntegerArg(command, 1, 1);
  if ((state !== 0 && state !== 1) || cid === undefined) return context.cme(50);
  if (state === 1 && !isRegistered(radio.registration)) return context.cme(30);
  packetData.context(cid).active = state === 1;
  context.ok();
}

/** `AT+CGPADDR[=<cid>]` (27.007 §10.1.14): the address of each (or the given) context; empty while inactive. */
function pdpAddress(context: CommandContext): void {
  const { packetData } = context.state;
  const { command } = context;
  if (command.form !== 'set' && command.form !== 'exec') return context.error();
  const wanted = command.form === 'set' ? integerArg(command, 0) : undefined;
  if (command.form === 'set' && wanted === undefined) return context.cme(50);
  const cids = wanted !== undefined ? [wanted] : [...packetData.contexts.keys()].sort((a, b) => a - b);
  context.info(...cids.map((cid) => (packetData.contexts.get(cid)?.active ? `+CGPADDR: ${cid},"${packetData.ipAddress}"` : `+CGPADDR: ${cid}`)));
  context.ok();
}

function attach(context: CommandContext): void {
  const { packetData, radio } = context.state;
  const { command } = context;
  if (command.form === 'read') {
    context.info(`+CGATT: ${packetData.attached && isRegistered(radio.registration) ? 1 : 0}`);
    return context.ok();
  }
  const state = integerArg(command, 0);
  if (command.form !== 'set' || (state !== 0 && state !== 1)) return context.error();
  if (state === 1 && !isRegistered(radio.registration)) return context.cme(30);
  packetData.attached = state === 1;
  if (state === 0) context.dialect.dropPacketData(context);
  context.ok();
}

export const NETWORK_COMMANDS: CommandTable = {
  '+CSQ': signalQuality,
  '+CESQ': extendedSignalQuality,
  '+CREG': registration('+CREG'),
  '+CGREG': registration('+CGREG'),
  '+CEREG': registration('+CEREG'),
  '+COPS': operatorSelection,
  '+UDOPN': operatorName,
  '+CGDCONT': pdpContextDefinition,
  '+CGACT': pdpContextActivation,
  '+CGPADDR': pdpAddress,
  '+CGATT': attach,
};
