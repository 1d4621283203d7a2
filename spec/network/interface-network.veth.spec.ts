import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { InterfaceNetwork } from '../../lib/network/interface-network';
import { InterfaceNotFoundError } from '../../lib/network/interface-not-found-error';
import type { NetworkStateKind } from '../../lib/network/network-state';

/**
 * InterfaceNetwork against the real kernel: a veth pair whose far end lives in a network namespace
 * of its own. Taking the far end down drops the carrier of the near end, which is what a pulled
 * cable looks like. Needs root and iproute2; CI runs as root.
 */
const ipPath = ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'].find((path) => existsSync(path));
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const skipReason = !isRoot ? 'not running as root' : ipPath === undefined ? 'the ip command (iproute2) is missing' : undefined;
if (skipReason !== undefined) {
  // eslint-disable-next-line no-console
  console.warn(`Skipping the veth InterfaceNetwork test: ${skipReason}`);
}
const describeAsRoot = skipReason === undefined ? describe : describe.skip;

describeAsRoot('InterfaceNetwork on a real veth pair', () => {
  const namespace = `hrxt${process.pid}`;
  const near = `hrxt${process.pid}a`;
  const far = `hrxt${process.pid}b`;
  const ip = (...args: string[]) => execFileSync(ipPath!, args, { stdio: 'pipe' });
  let network: InterfaceNetwork | undefined;

  beforeAll(() => {
    ip('netns', 'add', namespace);
    ip('link', 'add', near, 'type', 'veth', 'peer', 'name', far, 'netns', namespace);
    ip('link', 'set', near, 'up');
  });

  afterAll(() => {
    network?.close();
    // Each step on its own, so one failure does not leave the others behind.
    for (const args of [['link', 'del', near], ['netns', 'del', namespace]]) {
      try {
        ip(...args);
      } catch {
        // already gone (deleting one end of a veth pair deletes both)
      }
    }
  });

  const waitFor = (kind: NetworkStateKind) =>
    firstValueFrom(network!.state$.pipe(filter((state) => state.kind === kind), timeout({ first: 10_000 })));

  it('follows the far end going up, down and up again', async () => {
    network = new InterfaceNetwork({ network: 'ethernet', interfaceName: near, pollIntervalMs: 100 });
    expect(network.state).toMatchObject({ kind: 'disconnected' });
    const kinds: string[] = [];
    network.state$.subscribe((state) => kinds.push(state.kind));

    ip('-n', namespace, 'link', 'set', far, 'up');
    await expect(waitFor('connected')).resolves.toMatchObject({ kind: 'connected', detail: near });
    await expect(network.connect()).resolves.toBeUndefined();

    ip('-n', namespace, 'link', 'set', far, 'down');
    const down = await waitFor('disconnected');
    expect(down).toMatchObject({ kind: 'disconnected' });
    expect((down as { reason: string }).reason).toContain(near);

    ip('-n', namespace, 'link', 'set', far, 'up');
    await waitFor('connected');
    expect(kinds).toEqual(['disconnected', 'connected', 'disconnected', 'connected']);
  });

  it('reports the interface disappearing as disconnected', async () => {
    ip('link', 'del', near);
    await expect(waitFor('disconnected')).resolves.toMatchObject({ reason: `interface ${near} does not exist` });
  });

  it('refuses an interface that does not exist, listing the real ones', () => {
    const error = (() => {
      try {
        new InterfaceNetwork({ network: 'ethernet', interfaceName: `${near}x` });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(InterfaceNotFoundError);
    expect((error as InterfaceNotFoundError).available).toContain('lo');
    expect((error as Error).message).toContain(`'${near}x'`);
  });
});
