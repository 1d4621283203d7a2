import { execFile } from 'node:child_process';
import { join } from 'node:path';

/**
 * scripts/cli-debug.cjs, the `debug` of the CLI bundle: the real package when DEBUG is set; else
 * loggers that load it on the first `enable()`. Each case runs in a child process of its own,
 * since the module reads DEBUG once and Node caches it.
 */
const ROOT = join(__dirname, '..', '..');
const SHIM = join(ROOT, 'scripts', 'cli-debug.cjs');

function node(script: string, env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, ['-e', script], { cwd: ROOT, env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    ),
  );
}

const loaded = "Object.keys(require.cache).filter((path) => /node_modules[\\\\/](debug|supports-color)[\\\\/]/.test(path)).length > 0";

describe('the CLI bundle\'s debug', () => {
  it('without DEBUG: loads nothing, logs nothing, until enable() turns on loggers made before and after', async () => {
    const script = `
      const createDebug = require(${JSON.stringify(SHIM)});
      const early = createDebug('hologram:early');
      early('not shown');
      const before = { enabled: early.enabled, loaded: ${loaded} };
      createDebug.enable('hologram:*');
      const late = createDebug('hologram:late');
      early('shown early');
      late('shown late');
      createDebug('other')('not enabled');
      console.log(JSON.stringify({ before, after: { early: early.enabled, late: late.enabled, loaded: ${loaded} } }));
    `;
    const { stdout, stderr } = await node(script, {});
    expect(JSON.parse(stdout)).toEqual({ before: { enabled: false, loaded: false }, after: { early: true, late: true, loaded: true } });
    expect(stderr).toMatch(/hologram:early shown early/);
    expect(stderr).toMatch(/hologram:late shown late/);
    expect(stderr).not.toMatch(/not shown|not enabled/);
  });

  it('with DEBUG set: is the debug package itself', async () => {
    const script = `
      const shim = require(${JSON.stringify(SHIM)});
      console.log(JSON.stringify({ same: shim === require('debug'), enabled: shim('hologram:x').enabled }));
    `;
    const { stdout } = await node(script, { DEBUG: 'hologram:*' });
    expect(JSON.parse(stdout)).toEqual({ same: true, enabled: true });
  });
});
