import { describeDeliveryStatus } from '../../../lib/modem/sms/delivery-status';

describe('delivery status (TP-ST)', () => {
  it.each([
    [0x00, 'delivered', true, 'short message received by the recipient'],
    [0x02, 'delivered', true, 'short message replaced by the SMSC'],
    [0x10, 'delivered', true, 'SMSC-specific completion code'],
    [0x21, 'pending', false, 'recipient busy, still trying'],
    [0x30, 'pending', false, 'SMSC-specific temporary error, still trying code'],
    [0x46, 'failed', true, 'validity period expired'],
    [0x4a, 'failed', true, 'reserved permanent error code'],
    [0x62, 'failed', true, 'no response from recipient, no more attempts'],
    [0x70, 'failed', true, 'SMSC-specific temporary error, no more attempts code'],
    [0x80, 'failed', true, 'reserved status code'],
  ])('0x%s', (code, group, final, description) => {
    expect(describeDeliveryStatus(code)).toEqual({ code, group, final, description });
  });
});
