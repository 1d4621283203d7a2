import { closestName } from '../../lib/options/closest-name';
import { parseArguments } from '../../lib/cli/parse-arguments';
import { UsageError } from '../../lib/cli/usage-error';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string', short: 'p' },
  devicekey: { type: 'string' },
  cloud_id: { type: 'string' },
  destination: { type: 'string' },
  device: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function usageMessage(argv: string[]): string {
  try {
    parseArguments('send', argv, OPTIONS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a UsageError');
}

describe('closestName', () => {
  it.each([
    ['--hots', 'host'],
    ['--hsot', 'host'],
    ['--ost', 'host'],
    ['--Host', 'host'],
    ['--devicekye', 'devicekey'],
    ['--device-key', 'devicekey'],
    ['--cloudid', 'cloud_id'],
    ['--dest', 'destination'],
    ['--prot', 'port'],
    ['--bogus', undefined],
    ['--x', undefined],
    ['--dev', undefined],
  ])('%s -> %s', (unknown, expected) => {
    expect(closestName(unknown.replace(/^-+/, ''), Object.keys(OPTIONS))).toBe(expected);
  });
});

describe('parseArguments messages', () => {
  it.each([
    [['--hots', 'x'], 'unknown option --hots: did you mean --host?'],
    [['--hots=127.0.0.1'], 'unknown option --hots: did you mean --host?'],
    [['--bogus'], `unknown option --bogus (see hologram send --help); a message that starts with '-' goes after --, as in: hologram send -- "--bogus"`],
    [['-x'], `unknown option -x (see hologram send --help); a message that starts with '-' goes after --, as in: hologram send -- "-x"`],
    [['--port'], '--port needs a value'],
    [['-p'], '--port needs a value'],
    [['--json=yes'], '--json takes no value'],
    [['--host', '-1'], "--host needs a value; for a value that starts with '-', write --host=VALUE"],
    [['-p', '-1'], "-p needs a value; for a value that starts with '-', write --port=VALUE"],
  ])('%j: %s', (argv, message) => {
    expect(usageMessage(argv)).toBe(message);
  });

  it('never leaves a quote unclosed', () => {
    for (const argv of [['--bogus'], ['--hots'], ['--host', '-x'], ['--json=1']]) {
      const message = usageMessage(argv);
      expect((message.match(/'/g) ?? []).length % 2).toBe(0);
      expect((message.match(/"/g) ?? []).length % 2).toBe(0);
    }
  });
});
