import { InvalidArgumentError } from '../errors';

/** What one line typed to `hologram simulator` asks the simulated modem to do. */
export type SimulatorInput =
  | { readonly kind: 'sms'; readonly sender: string; readonly text: string }
  | { readonly kind: 'signal'; readonly rssi: number; readonly ber?: number }
  | { readonly kind: 'registration'; readonly stat: number }
  | { readonly kind: 'urc'; readonly line: string }
  | { readonly kind: 'help' }
  | { readonly kind: 'quit' }
  | { readonly kind: 'none' };

/** The `help` text; the same lines document the commands in `hologram simulator --help`. */
export const SIMULATOR_INPUT_HELP = `  sms SENDER TEXT          an SMS arrives from SENDER (+digits, digits, or a name such as InfoSMS);
                           TEXT is the rest of the line, any length (long ones arrive in parts)
  signal RSSI [BER]        the signal quality AT+CSQ reports (RSSI 0-31 or 99 unknown)
  registration STATE       the network registration: home, roaming, searching, denied, none,
                           unknown, or its AT+CREG number 0-5 (URCs are sent as the host enabled them)
  urc LINE                 the modem prints LINE unsolicited (e.g. RING)
  help                     this list
  quit                     stop the simulator (as Ctrl-C or the end of input do)`;

/** `registration` words and the `<stat>` numbers of 3GPP TS 27.007 `+CREG`. */
const REGISTRATION_STATES: Readonly<Record<string, number>> = { none: 0, home: 1, searching: 2, denied: 3, unknown: 4, roaming: 5 };

/**
 * Reads one input line (pure). Blank lines and `#` comments are `none`, so a script of commands
 * can be piped in. Throws `InvalidArgumentError` naming the bad word or value; the line is then
 * not acted on and the simulator keeps running.
 */
export function parseSimulatorInput(line: string): SimulatorInput {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return { kind: 'none' };
  const match = /^(\S+)(?:\s+([\s\S]*))?$/.exec(trimmed) as RegExpExecArray;
  const word = match[1].toLowerCase();
  const rest = match[2] ?? '';
  const args = rest === '' ? [] : rest.split(/\s+/);
  switch (word) {
    case 'sms': {
      const sms = /^(\S+)\s([\s\S]*)$/.exec(rest);
      if (sms === null) throw new InvalidArgumentError('sms', `sms needs a sender and a text, as in: sms +15551234567 hello, got ${JSON.stringify(trimmed)}`);
      return { kind: 'sms', sender: sms[1], text: sms[2] };
    }
    case 'signal': {
      if (args.length < 1 || args.length > 2) throw new InvalidArgumentError('signal', `signal needs RSSI (0-31 or 99) and optionally BER, got ${JSON.stringify(trimmed)}`);
      const rssi = wholeNumber('signal', args[0]);
      return args[1] === undefined ? { kind: 'signal', rssi } : { kind: 'signal', rssi, ber: wholeNumber('signal', args[1]) };
    }
    case 'registration': {
      const state = args.length === 1 ? args[0].toLowerCase() : '';
      const stat = REGISTRATION_STATES[state] ?? (/^[0-5]$/.test(state) ? Number(state) : undefined);
      if (stat === undefined) {
        throw new InvalidArgumentError('registration', `registration needs one of ${Object.keys(REGISTRATION_STATES).join(', ')} or 0-5, got ${JSON.stringify(rest)}`);
      }
      return { kind: 'registration', stat };
    }
    case 'urc':
      if (rest === '') throw new InvalidArgumentError('urc', 'urc needs the line to print, as in: urc RING');
      return { kind: 'urc', line: rest };
    case 'help':
    case '?':
      return { kind: 'help' };
    case 'quit':
    case 'exit':
      return { kind: 'quit' };
    default:
      throw new InvalidArgumentError('command', `unknown command ${JSON.stringify(match[1])}: use sms, signal, registration, urc, help or quit`);
  }
}

function wholeNumber(command: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidArgumentError(command, `${command}: ${JSON.stringify(text)} is not a whole number`);
  return Number(text);
}
