import * as network from '../../lib/network';
import * as inbound from '../../lib/inbound';

describe('barrels', () => {
  it('export the public classes and functions', () => {
    for (const name of ['NoneNetwork', 'ManualNetwork', 'InterfaceNetwork', 'createNetwork', 'registerNetwork', 'networkEvents', 'PPPLink', 'PPPConnectionError', 'InterfaceNotFoundError']) {
      expect(network).toHaveProperty(name);
    }
    for (const name of ['InboundListener', 'receiveMessages', 'InboundListenError', 'InboundMessageTooLargeError']) {
      expect(inbound).toHaveProperty(name);
    }
  });
});
