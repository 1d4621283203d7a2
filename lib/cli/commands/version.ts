import { SDK_VERSION } from '../../sdk-version';
import { parsedCommand } from '../parsed-command';
import { UsageError } from '../usage-error';

const USAGE = `Usage: hologram version [--json]

Prints the SDK version.`;

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const command = parsedCommand('version', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('version', `unexpected argument ${JSON.stringify(positionals[0])}: version takes none`);
  output.out(values.json === true ? JSON.stringify({ version: SDK_VERSION }) : SDK_VERSION);
  return 0;
});
