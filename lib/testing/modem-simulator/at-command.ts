/**
 * One command line as the simulated modem understands it. Extended commands (`+CSQ`, `^ICCID`)
 * come in the four 27.007 forms; basic V.250 commands (`E0`, `I9`, `&F`) carry a numeric argument.
 * A line may chain commands with `;` (V.250 §5.2.1: `AT+CMEE=1;+CREG=2`): `splitCommandLine`
 * cuts it into one `AT...` line per command. Basic commands run together without `;` (`ATE0V1`)
 * are not split: no client of the simulator sends them.
 */
export interface AtCommand {
  /** The line as received, without its terminator. */
  readonly line: string;
  /** Upper-cased command name: `+CSQ`, `E`, `I`, `&F`, or `` for a bare `AT`. */
  readonly name: string;
  readonly form: 'exec' | 'set' | 'read' | 'test';
  /** Parameters with quotes removed; basic commands carry their number here. */
  readonly args: readonly string[];
  /** Which parameters were written in quotes (some commands care: `AT+USOWR` text data). */
  readonly quoted: readonly boolean[];
}

/** Parses a command line, or `undefined` when it does not start with `AT` (modems ignore it). */
export function parseAtCommand(line: string): AtCommand | undefined {
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

  const basic = /^(&?[A-Za-z])(\d*)$/.exec(body);
  if (basic) {
    const args = basic[2] === '' ? [] : [basic[2]];
    return { line, name: basic[1].toUpperCase(), form: 'exec', args, quoted: args.map(() => false) };
  }
  return { line, name: body.toUpperCase(), form: 'exec', args: [], quoted: [] };
}

/**
 * One `AT...` line per command of a `;`-chained line: `AT+CSQ;+CREG?` → `AT+CSQ`, `AT+CREG?`.
 * Semicolons inside quotes do not separate; empty pieces (a trailing `;`) are dropped. A line
 * that does not start with `AT` comes back as it is.
 */
export function splitCommandLine(line: string): string[] {
  if (!/^at/i.test(line)) return [line];
  const prefix = line.slice(0, 2);
  const pieces: string[] = [];
  let current = '';
  let inQuotes = false;
  for (const char of line.slice(2)) {
    if (char === '"') inQuotes = !inQuotes;
    if (char === ';' && !inQuotes) {
      pieces.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  pieces.push(current);
  const commands = pieces.map((piece) => piece.trim()).filter((piece, i) => piece !== '' || i === 0);
  return commands.map((piece) => prefix + piece);
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
export function integerArg(command: AtCommand, index: number): number | undefined {
  const text = command.args[index];
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text.trim());
}

/**
 * An optional integer parameter: `fallback` when it is left out (absent or empty), `undefined` when
 * it is given but is not a number, so that garbage is refused rather than taken as the default.
 */
export function optionalIntegerArg(command: AtCommand, index: number, fallback: number): number | undefined {
  const text = command.args[index];
  if (text === undefined || text.trim() === '') return fallback;
  return integerArg(command, index);
}
