import { createNetwork, networkNames, registerNetwork } from '../../lib/network/create-network';
import { InterfaceNetwork } from '../../lib/network/interface-network';
import { ManualNetwork } from '../../lib/network/manual-network';
import { NoneNetwork } from '../../lib/network/none-network';
import { UnknownNetworkError } from '../../lib/network/unknown-network-error';
import type { InterfaceReader } from '../../lib/network/interface-reader';
import type { Network } from '../../lib/network/network';

const reader: InterfaceReader = { read: () => ({ operstate: 'up', carrier: true }), list: () => [] };

describe('createNetwork', () => {
  const created: Network[] = [];
  afterEach(() => created.splice(0).forEach((network) => network.close()));
  const make = (...args: Parameters<typeof createNetwork>) => {
    const network = createNetwork(...args);
    created.push(network);
    return network;
  };

  it("builds the default (''), manual, ethernet and wifi networks", () => {
    expect(make('')).toBeInstanceOf(NoneNetwork);
    expect(make(undefined)).toBeInstanceOf(NoneNetwork);
    expect(make('manual', { connected: false }).state.kind).toBe('disconnected');
    expect(make('manual')).toBeInstanceOf(ManualNetwork);
    const ethernet = make('ethernet', { reader });
    expect(ethernet).toBeInstanceOf(InterfaceNetwork);
    expect((ethernet as InterfaceNetwork).interfaceName).toBe('eth0');
    expect((make('wifi', { reader, interfaceName: 'wlp3s0' }) as InterfaceNetwork).interfaceName).toBe('wlp3s0');
  });

  it('returns a Network it is given', () => {
    const network = new ManualNetwork();
    expect(make(network)).toBe(network);
  });

  it('throws UnknownNetworkError naming the bad name and the valid ones', () => {
    expect(() => createNetwork('lora' as never)).toThrow(UnknownNetworkError);
    expect(() => createNetwork('lora' as never)).toThrow('unknown network "lora"; valid names: "", "manual", "ethernet", "wifi"');
    expect(() => createNetwork('cellular')).toThrow(UnknownNetworkError);
  });

  it('lets an implementation register itself (how cellular is provided)', () => {
    let received: unknown;
    registerNetwork(
      'cellular',
      (options) => {
        received = options.apn;
        return new ManualNetwork();
      },
      ['apn'],
    );
    expect(networkNames()).toContain('cellular');
    expect(make('cellular', { apn: 'hologram' })).toBeInstanceOf(ManualNetwork);
    expect(received).toBe('hologram');
  });
});
