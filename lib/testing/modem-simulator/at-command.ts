/**
 * One command line as the simulated modem understands it. Extended commands (`+CSQ`, `^ICCID`)
 * come in the four 27.007 forms; basic V.250 commands (`E0`, `I9`, `&F`) carry a numeric argument,
 * S-registers are `S<n>=<v>` (set) or `S<n>?` (read) and `D` carries its dial string. A line may hold
 * several commands (V.250 §5.2.1): basic ones run together (`ATE0V1`, `AT H0 Z S7=45`), extended ones
 * end at `;`. `splitCommandLine` cuts it into one `AT...` line per command.
 */
export interface ATCommand {
  /** The line as received, without its terminator. */
  readonly line: string;
  /** Upper-cased command name: `+CSQ`, `E`, `I`, `&F`, `S`, `D`, or `` for a bare `AT`. */
  readonly name: string;
  readonly form: 'exec' | 'set' | 'read' | 'test';
  /**
   * Parameters with quotes removed; basic commands carry their number here, `S` its register and
   * value (`S7=45` → `['7', '45']`), `D` its dial string.
   */
  readonly args: readonly string[];
  /** Which parameters were written in quotes (some commands care: `AT+USOWR` text data). */
  readonly quoted: readonly boolean[];
}

/** Parses a command line, or `undefined` when it does not start with `AT` (modems ignore it). */
export function parseATCommand(line: string): ATCommand | undefined {
  if (!/^at/i.test(line)) return undefined;
  const body = line.slice(2);
  if (body.length === 0) return { line, name: '', form: 'exec', args: [], quoted: [] };

  const extended = /^([+^#$%][A-Za-z0-9]+)(.*)$/s.exec(body);
  if (extended) {
    const name = extended[1].toUpperCase();
    const rest = extended[2];
    if (rest === '') return { line, name, form: 'exec', args: [], quoted: [] };
    if (rest === '?') return { line, name, form: 'read', args: [], quoted: [] };
    if (rest === '=?') return { line, name, form: 'test', args: [], quoted: [] };
    if (rest.startsWith('=')) {
      const { args, quoted } = splitParameters(rest.slice(1));
      return { line, name, form: 'set', args, quoted };
    }
    return { line, name: name + rest.toUpperCase(), form: 'exec', args: [], quoted: [] };
  }

  const register = /^S(\d+)(?:(\?)|=(\d*))$/i.exec(body);
  if (register) {
    const args = register[2] ? [register[1]] : [register[1], register[3] === '' ? '0' : register[3]];
    return { line, name: 'S', form: register[2] ? 'read' : 'set', args, quoted: args.map(() => false) };
  }
  const dial = /^D(.*)$/is.exec(body);
  if (dial) return { line, name: 'D', form: 'exec', args: [dial[1]], quoted: [false] };
  const basic = /^(&?[A-Za-z])(\d*)$/.exec(body);
  if (basic) {
    const args = basic[2] === '' ? [] : [basic[2]];
    return { line, name: basic[1].toUpperCase(), form: 'exec', args, quoted: args.map(() => false) };
  }
  return { line, name: body.toUpperCase(), form: 'exec', args: [], quoted: [] };
}

/**
 * Where the command line starts: real modems look for `AT` (or `at`) and ignore what comes before
 * it (`+++ATH`, a stray byte, line noise). -1 when the line holds no `AT`.
 */
export function commandStart(line: string): number {
  return line.search(/at/i);
}

/** `A/` (repeat the last command line, V.250 §6.2.2): an `A/` with no `AT` before it. */
export function isRepeat(line: string): boolean {
  const repeat = line.search(/a\//i);
  const start = commandStart(line);
  return repeat >= 0 && (start < 0 || start > repeat);
}

/**
 * One `AT...` line per command of a line (V.250 §5.2.1): `AT+CSQ;+CREG?` → `AT+CSQ`, `AT+CREG?`;
 * `ATQ0 V1 E1 S0=0 &C1 +FCLASS=0` → `ATQ0`, `ATV1`, `ATE1`, `ATS0=0`, `AT&C1`, `AT+FCLASS=0`.
 * Spaces outside quotes are ignored; an extended command runs to the next `;` outside quotes; a
 * dial command takes the rest of the line. A line that does not start with `AT` comes back as it is.
 */
export function splitCommandLine(line: string): string[] {
  if (!/^at/i.test(line)) return [line];
  const prefix = line.slice(0, 2);
  const body = withoutSpaces(line.slice(2));
  const commands: string[] = [];
  let i = 0;
  while (i < body.length) {
    const char = body[i];
    let end: number;
    if (char === ';') {
      i++;
      continue;
    } else if ('+^#$%'.includes(char)) {
      end = endOfExtended(body, i);
    } else if (/[dD]/.test(char)) {
      end = body.length;
    } else {
      const basic = /^(&?[A-Za-z]\d*(?:\?|=\d*)?)/.exec(body.slice(i));
      end = i + (basic ? basic[1].length : 1);
    }
    commands.push(prefix + body.slice(i, end));
    i = end;
  }
  return commands.length === 0 ? [prefix] : commands;
}

/** The command line without the spaces V.250 ignores (those outside quotes). */
function withoutSpaces(text: string): string {
  let out = '';
  let inQuotes = false;
  for (const char of text) {
    if (char === '"') inQuotes = !inQuotes;
    if (char !== ' ' || inQuotes) out += char;
  }
  return out;
}

function endOfExtended(body: string, start: number): number {
  let inQuotes = false;
  for (let i = start; i < body.length; i++) {
    if (body[i] === '"') inQuotes = !inQuotes;
    if (body[i] === ';' && !inQuotes) return i;
  }
  return body.length;
}

/** Splits `1,"a,b",,3` into `['1', 'a,b', '', '3']`: commas inside quotes do not separate. */
export function splitParameters(text: string): { args: string[]; quoted: boolean[] } {
  const args: string[] = [];
  const quoted: boolean[] = [];
  let current = '';
  let inQuotes = false;
  let wasQuoted = false;
  for (const char of text) {
    if (char === '"') {
      inQuotes = !inQuotes;
      wasQuoted = true;
    } else if (char === ',' && !inQuotes) {
      args.push(current);
      quoted.push(wasQuoted);
      current = '';
      wasQuoted = false;
    } else {
      current += char;
    }
  }
  args.push(current);
  quoted.push(wasQuoted);
  return { args, quoted };
}

/** A parameter as a non-negative integer, or `undefined` when it is missing or not a number. */
export function integerArg(command: ATCommand, index: number): number | undefined {
  const text = command.args[index];
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * An optional integer parameter: `fallback` when it is left out (absent or empty), `undefined` when
 * it is given but is not a number, so that garbage is refused rather than taken as the default.
 */
export function optionalIntegerArg(command: ATCommand, index: number, fallback: number): number | undefined {
  const text = command.args[index];
  if (text === undefined || text.trim() === '') return fallback;
  return integerArg(command, index);
}
