import * as sms from '../../../lib/modem/sms';

describe('SMS barrel', () => {
  it('exposes the codec and reassembly API', () => {
    const [part] = sms.encodeSubmit('+15555550100', 'via the barrel');
    const decoded = sms.decodePDU(part.pdu);
    expect(decoded).toMatchObject({ type: 'submit', text: 'via the barrel' });
    expect(typeof sms.encodeDeliver).toBe('function');
    expect(typeof sms.encodeDeliverParts).toBe('function');
    expect(typeof sms.reassembleSMS).toBe('function');
    expect(typeof sms.addSMSPart).toBe('function');
    expect(new sms.PDUDecodeError(3, 'TP-DCS')).toBeInstanceOf(Error);
  });
});
