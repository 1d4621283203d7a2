/**
 * Splitting of AT information text such as `+CREG: 2,1,"00C3","0012345",7` into its name and its
 * arguments. Pure and forgiving: modems differ in spacing and quoting, so nothing here throws.
 */

/** `+CREG: 2,1` → `{ name: '+CREG', rest: '2,1' }`; `^RSSI:15` → `{ name: '^RSSI', rest: '15' }`. */
export interface PrefixedLine {
  readonly name: string;
  readonly rest: string;
}

const PREFIXED = /^([+^$#%&*][A-Za-z0-9_]+)\s*:\s?(.*)$/;

/** The `+NAME`/`^NAME` prefix of an information line, or `undefined` when it has none. */
export function splitPrefixedLine(line: string): PrefixedLine | undefined {
  const match = PREFIXED.exec(line);
  if (!match) return undefined;
  return { name: match[1].toUpperCase(), rest: match[2] };
}

/**
 * Splits comma-separated AT arguments, honouring double quotes (commas inside quotes do not split;
 * the quotes are removed). Surrounding spaces of unquoted values are trimmed. `''` gives `[]`,
 * `,24` gives `['', '24']`. An unterminated quote runs to the end of the text.
 */
export function parseATArgs(text: string): string[] {
  if (text.trim().length === 0) return [];
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      wasQuoted = true;
    } else if (char === ',' && !quoted) {
      args.push(wasQuoted ? current : current.trim());
      current = '';
      wasQuoted = false;
    } else if (quoted || wasQuoted === false || char !== ' ') {
      current += char;
    }
  }
  args.push(wasQuoted ? current : current.trim());
  return args;
}

/** The name of the extended command in a command line: `AT+CREG?` → `+CREG`, `ATI9` → undefined. */
export function commandName(command: string): string | undefined {
  const match = /^AT([+^$#%&*][A-Za-z0-9_]+)/i.exec(command.trim());
  return match ? match[1].toUpperCase() : undefined;
}

/**
 * Whether a command line is the *set* form of its command (`AT+CREG=2`), as opposed to the read
 * (`AT+CREG?`), test (`AT+CREG=?`) or action (`AT^SYSINFO`) forms. Set forms only ever answer `OK`
 * for the registration family, so a `+CREG:` line during `AT+CREG=2` is a URC.
 */
export function isSetForm(command: string): boolean {
  const match = /^AT[+^$#%&*][A-Za-z0-9_]+(.*)$/i.exec(command.trim());
  if (!match) return false;
  const tail = match[1].trim();
  return tail.startsWith('=') && !tail.startsWith('=?');
}
