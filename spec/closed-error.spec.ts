import { ClosedError, HologramError, InvalidArgumentError, type ClosedResource } from 'hologram-rx';

describe('ClosedError', () => {
  it.each<[ClosedResource, string | undefined, string | undefined, string]>([
    ['hologram', undefined, 'create a new one to receive', 'The Hologram instance is closed: create a new one to receive'],
    ['delivery', undefined, undefined, 'The delivery pipeline is closed'],
    ['outbox', '/var/lib/app/outbox.db', 'cannot append', 'The outbox /var/lib/app/outbox.db is closed: cannot append'],
    ['outbox', undefined, undefined, 'The outbox is closed'],
    ['network', 'cellular', undefined, 'The cellular network is closed'],
    ['network', '', undefined, 'The network is closed'],
    ['ppp-link', '/dev/ttyUSB0', undefined, 'The PPP link on /dev/ttyUSB0 is closed'],
    ['modem', '/dev/ttyUSB2', undefined, 'The modem on /dev/ttyUSB2 is closed'],
    ['at-engine', undefined, 'AT+CSQ did not complete', 'The AT engine is closed: AT+CSQ did not complete'],
    ['serial-port', '/dev/ttyACM0', undefined, 'The serial port /dev/ttyACM0 is closed'],
    ['inbound-listener', '127.0.0.1:4010', undefined, 'The inbound listener on 127.0.0.1:4010 is closed'],
    ['modem-simulator', undefined, undefined, 'The modem simulator is closed'],
    ['cloud-emulator', undefined, undefined, 'The cloud emulator is closed'],
  ])('%s %j says what was closed', (resource, which, detail, message) => {
    const error = new ClosedError(resource, which, { detail });
    expect(error).toBeInstanceOf(HologramError);
    expect(error).not.toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ name: 'ClosedError', resource, which, message });
  });

  it('keeps a cause, and has none when not given one', () => {
    const cause = new Error('EIO');
    expect(new ClosedError('serial-port', '/dev/ttyUSB0', { cause }).cause).toBe(cause);
    expect('cause' in new ClosedError('modem', '/dev/ttyUSB0')).toBe(false);
  });
});
