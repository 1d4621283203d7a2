import { integerArg, optionalIntegerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import { endCall } from './dial-commands';
import { changeRadio } from './network-commands';

/**
 * V.250 and 27.007 general commands: echo, verbosity, error reporting, identity, functionality.
 */

function onOff(context: CommandContext, apply: (on: boolean) => void): void {
  const value = context.command.args[0] ?? '0';
  if (value !== '0' && value !== '1') return context.error();
  apply(value === '1');
  context.ok();
}

/** A command that answers one information line on exec (and on `=0`/`?` where modems accept it). */
function constant(line: (context: CommandContext) => string): (context: CommandContext) => void {
  return (context) => {
    if (context.command.form === 'test') return context.ok();
    context.info(line(context));
    context.ok();
  };
}

function identification(context: CommandContext): void {
  const { identity, personality } = context.state;
  const which = context.command.args[0] ?? '0';
  if (which === '9' && personality.vendor === 'u-blox') {
    context.info(identity.version);
    return context.ok();
  }
  if (which !== '0') return context.error();
  if (personality.vendor === 'u-blox') {
    context.info(
      `Manufacturer: ${identity.manufacturer}`,
      `Model: ${identity.model}`,
      `Revision: ${identity.revision}`,
      `IMEI: ${identity.imei}`,
    );
  } else {
    context.info(identity.manufacturer, identity.model, `Revision: ${identity.revision}`);
  }
  context.ok();
}

function errorReporting(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+CMEE: ${state.settings.cmee}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+CMEE: (0-2)');
    return context.ok();
  }
  // `AT+CMEE` alone is `AT+CMEE=0` (27.007 §9.1: <n> defaults to 0); anything else must parse.
  const mode = command.form === 'exec' ? 0 : integerArg(command, 0);
  if (mode === undefined || mode > 2 || command.args.length > 1) return context.cme(50);
  state.settings.cmee = mode as 0 | 1 | 2;
  context.ok();
}

/**
 * `AT+CFUN`: 0/4 turn the radio off (deregistered, packet data lost), 1 on; `1,1` and u-blox `16`
 * reboot the modem after answering OK.
 */
function functionality(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    context.info(`+CFUN: ${state.radio.functionality}`);
    return context.ok();
  }
  if (command.form === 'test') {
    context.info('+CFUN: (0,1,4),(0-1)');
    return context.ok();
  }
  const fun = integerArg(command, 0);
  const reset = optionalIntegerArg(command, 1, 0);
  if (fun === 16 && state.personality.vendor === 'u-blox') return context.reboot();
  if ((fun !== 0 && fun !== 1 && fun !== 4) || reset === undefined || reset > 1) return context.cme(state.personality.vendor === 'u-blox' ? 3 : 50);
  if (reset === 1) return context.reboot();
  const radioOff = fun !== 1 && state.radio.functionality === 1;
  changeRadio(context, (radio) => {
    radio.functionality = fun;
  });
  if (radioOff) {
    // Radio off ends a dialled call (escaped to command state, or the command would not be read).
    endCall(context);
    context.dialect.dropPacketData(context);
  }
  context.ok();
}

export const BASIC_COMMANDS: CommandTable = {
  '': (context) => context.ok(),
  E: (context) => onOff(context, (on) => (context.state.settings.echo = on)),
  V: (context) => onOff(context, (on) => (context.state.settings.verbose = on)),
  I: identification,
  '+CMEE': errorReporting,
  '+CGSN': constant((c) => c.state.identity.imei),
  '+GSN': constant((c) => c.state.identity.imei),
  '+CIMI': constant((c) => c.state.identity.imsi),
  '+CGMI': constant((c) => c.state.identity.manufacturer),
  '+GMI': constant((c) => c.state.identity.manufacturer),
  '+CGMM': constant((c) => c.state.identity.model),
  '+GMM': constant((c) => c.state.identity.model),
  '+CGMR': constant((c) => c.state.identity.revision),
  '+GMR': constant((c) => c.state.identity.revision),
  '+CCID': constant((c) => `+CCID: ${c.state.identity.iccid}`),
  '+QCCID': constant((c) => `+QCCID: ${c.state.identity.iccid}`),
  '+CFUN': functionality,
};
