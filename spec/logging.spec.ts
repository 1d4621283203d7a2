import createDebug from 'debug';
import { logger, redact, registerSecret } from '../lib/logging';

describe('logging', () => {
  it('redacts registered secrets from formatted arguments', () => {
    registerSecret('k3yk3yk3');
    const lines: string[] = [];
    const originalLog = createDebug.log;
    createDebug.log = (...args: unknown[]) => lines.push(args.join(' '));
    createDebug.enable('hologram:test');
    try {
      logger('test')('frame %s sent with %o', '{"k":"k3yk3yk3"}', { key: 'k3yk3yk3' });
    } finally {
      createDebug.disable();
      createDebug.log = originalLog;
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('frame');
    expect(lines[0]).not.toContain('k3yk3yk3');
    expect(redact('xk3yk3yk3x')).toBe('x********x');
  });

  it('does nothing while the namespace is disabled', () => {
    createDebug.disable();
    expect(logger('quiet').enabled).toBe(false);
  });
});
