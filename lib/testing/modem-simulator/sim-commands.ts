import { integerArg } from './at-command';
import type { CommandContext, CommandTable } from './command-context';
import type { PhonebookEntry, PhonebookMemory } from './modem-state';
import { fromCharset, toCharset } from './sms-text-mode';

/**
 * 27.007 SIM commands clients run on start-up (gsmlib's `gsmctl FLSTAT`/`PW`, gnokii's phone book):
 * facility locks (`+CLCK`), passwords (`+CPWD`), phone books (`+CPBS`, `+CPBR`) and the own
 * number (`+CNUM`). A wrong password is `+CME ERROR: 16`, an unknown facility or memory 3
 * (u-blox) / 50 (Quectel), an index outside the memory 21.
 */

/** The password a facility checks: the SIM PIN, PIN2, a personalisation key or the network's barring password. */
function passwordOf(facility: string): string {
  if (facility === 'SC') return 'SC';
  if (facility === 'FD' || facility === 'P2') return 'P2';
  if (facility.startsWith('P')) return 'PS';
  return 'NET';
}

const notAllowed = (context: CommandContext): void => context.cme(context.state.personality.vendor === 'u-blox' ? 3 : 50);

/**
 * `AT+CLCK=<fac>,<mode>[,<passwd>]`: mode 2 queries (`+CLCK: <status>`), 0/1 unlock/lock with the
 * facility's password (27.007 §7.4).
 */
function facilityLock(context: CommandContext): void {
  const { command, state } = context;
  const personality = state.personality;
  if (command.form === 'test') {
    context.info(`+CLCK: (${personality.lockFacilities.map((f) => `"${f}"`).join(',')})`);
    return context.ok();
  }
  const facility = (command.args[0] ?? '').toUpperCase();
  const mode = integerArg(command, 1);
  if (command.form !== 'set' || !personality.lockFacilities.includes(facility) || mode === undefined || mode > 2) return notAllowed(context);
  if (mode === 2) {
    context.info(`+CLCK: ${state.sim.locks.has(facility) ? 1 : 0}`);
    return context.ok();
  }
  if (command.args[2] !== state.sim.passwords.get(passwordOf(facility))) return context.cme(16);
  if (mode === 1) state.sim.locks.add(facility);
  else state.sim.locks.delete(facility);
  context.ok();
}

/** `AT+CPWD=<fac>,<old>,<new>`: changes a password (27.007 §7.5); the new one must fit the facility's length. */
function changePassword(context: CommandContext): void {
  const { command, state } = context;
  const facilities = state.personality.passwordFacilities;
  if (command.form === 'test') {
    context.info(`+CPWD: ${facilities.map(([f, length]) => `("${f}",${length})`).join(',')}`);
    return context.ok();
  }
  const facility = (command.args[0] ?? '').toUpperCase();
  const limit = facilities.find(([f]) => f === facility)?.[1];
  const [, old, next] = command.args;
  if (command.form !== 'set' || limit === undefined || next === undefined) return notAllowed(context);
  const key = passwordOf(facility);
  if (old !== state.sim.passwords.get(key)) return context.cme(16);
  if (!/^\d+$/.test(next) || next.length > limit || next.length < 4) return context.cme(50);
  state.sim.passwords.set(key, next);
  context.ok();
}

/** `AT+CPBS`: the phone book memory `AT+CPBR` reads; read answers `"<mem>",<used>,<total>`. */
function phonebookStorage(context: CommandContext): void {
  const { command, state } = context;
  const memories = state.personality.phonebooks.map(([memory]) => memory);
  if (command.form === 'test') {
    context.info(`+CPBS: (${memories.map((m) => `"${m}"`).join(',')})`);
    return context.ok();
  }
  if (command.form === 'read') {
    const memory = state.sim.phonebook;
    context.info(`+CPBS: "${memory}",${state.sim.phonebooks.get(memory)!.size},${state.sim.capacities.get(memory)}`);
    return context.ok();
  }
  const wanted = (command.args[0] ?? '').toUpperCase() as PhonebookMemory;
  if (command.form !== 'set' || !memories.includes(wanted)) return notAllowed(context);
  state.sim.phonebook = wanted;
  context.ok();
}

/** The longest number and name `AT+CPBR=?` reports for an entry. */
const NUMBER_LENGTH = 40;
const TEXT_LENGTH = 18;

const entryFields = (entry: PhonebookEntry, charset: Parameters<typeof toCharset>[1]): string =>
  `"${entry.number}",${entry.number.startsWith('+') ? 145 : 129},"${toCharset(entry.text, charset)}"`;

/** `AT+CPBR=<i>[,<j>]`: the entries in `i..j` of the selected memory (27.007 §8.12); none is just `OK`. */
function phonebookRead(context: CommandContext): void {
  const { command, state } = context;
  const capacity = state.sim.capacities.get(state.sim.phonebook)!;
  if (command.form === 'test') {
    context.info(`+CPBR: (1-${capacity}),${NUMBER_LENGTH},${TEXT_LENGTH}`);
    return context.ok();
  }
  const first = integerArg(command, 0);
  const last = command.args[1] === undefined ? first : integerArg(command, 1);
  if (command.form !== 'set' || first === undefined || last === undefined || command.args.length > 2) return notAllowed(context);
  if (first < 1 || last > capacity || last < first) return context.cme(21);
  const book = state.sim.phonebooks.get(state.sim.phonebook)!;
  const lines = [...book.entries()]
    .filter(([index]) => index >= first && index <= last)
    .sort(([a], [b]) => a - b)
    .map(([index, entry]) => `+CPBR: ${index},${entryFields(entry, state.settings.charset)}`);
  context.info(...lines);
  context.ok();
}

/** `AT+CPBW=[<index>][,<number>[,<type>[,<text>]]]`: writes (or with only an index, deletes) an entry. */
function phonebookWrite(context: CommandContext): void {
  const { command, state } = context;
  const capacity = state.sim.capacities.get(state.sim.phonebook)!;
  if (command.form === 'test') {
    context.info(`+CPBW: (1-${capacity}),${NUMBER_LENGTH},(129,145),${TEXT_LENGTH}`);
    return context.ok();
  }
  if (command.form !== 'set' || command.args.length > 4) return notAllowed(context);
  const book = state.sim.phonebooks.get(state.sim.phonebook)!;
  const given = command.args[0].trim() === '' ? undefined : integerArg(command, 0);
  const index = given ?? [...Array(capacity).keys()].map((i) => i + 1).find((i) => !book.has(i));
  if (index === undefined) return context.cme(command.args[0].trim() === '' ? 20 : 50);
  if (index < 1 || index > capacity) return context.cme(21);
  if (command.args.length === 1) {
    book.delete(index);
    return context.ok();
  }
  const number = command.args[1];
  const text = fromCharset(command.args[3] ?? '', state.settings.charset);
  if (!/^\+?[0-9*#]{1,40}$/.test(number) || text === undefined || text.length > TEXT_LENGTH) return context.cme(50);
  book.set(index, { number, text });
  context.ok();
}

/** `AT+CNUM`: the SIM's own numbers (the "ON" phone book), `+CNUM: "<text>","<number>",<type>` each. */
function subscriberNumber(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'test') return context.ok();
  if (command.form !== 'exec') return context.error();
  const own = [...(state.sim.phonebooks.get('ON')?.values() ?? [])];
  context.info(
    ...own.map(
      (entry) => `+CNUM: "${toCharset(entry.text, state.settings.charset)}","${entry.number}",${entry.number.startsWith('+') ? 145 : 129}`,
    ),
  );
  context.ok();
}

export const SIM_COMMANDS: CommandTable = {
  '+CLCK': facilityLock,
  '+CPWD': changePassword,
  '+CPBS': phonebookStorage,
  '+CPBR': phonebookRead,
  '+CPBW': phonebookWrite,
  '+CNUM': subscriberNumber,
};
