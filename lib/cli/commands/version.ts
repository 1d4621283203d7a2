import { SDK_VERSION } from '../../sdk-version';
import type { CliCommand } from '../cli-command';
import { parseArguments } from '../parse-arguments';
import { UsageError } from '../usage-error';

const USAGE = `Usage: hologram version [--json]

Prints the SDK version.`;

export const command: CliCommand = {
  name: 'version',
  usage: USAGE,
  async run(argv, output) {
    const { values, positionals } = parseArguments('version', argv, {
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help === true) {
      output.out(USAGE);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError('version', `unexpected argument ${JSON.stringify(positionals[0])}: version takes none`);
    output.out(values.json === true ? JSON.stringify({ version: SDK_VERSION }) : SDK_VERSION);
    return 0;
  },
};
