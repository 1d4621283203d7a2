import { decodePDU } from '../../../lib/modem/sms/decode-pdu';
import { encodeDeliver } from '../../../lib/modem/sms/encode-deliver';
import { SMSDeliverPDU } from '../../../lib/modem/sms/sms-pdu';

/** A real decoded SMS-DELIVER part, built through the encoder and the decoder. */
export function deliverPart(
  sender: string,
  text: string,
  concat?: { reference: number; total: number; sequence: number; referenceBits?: 8 | 16 },
  timestamp = new Date('2025-11-10T12:00:00Z'),
): SMSDeliverPDU {
  const pdu = decodePDU(encodeDeliver({ sender, text, timestamp, ...(concat && { concat }) }).pdu);
  if (pdu.type !== 'deliver') throw new Error('expected deliver');
  return pdu;
}
