/**
 * TP-ST of an SMS-STATUS-REPORT (3GPP TS 23.040 §9.2.3.15): what became of a sent message.
 * Codes fall into groups by range; within each group the SMSC may use its own values.
 */

/**
 * `delivered`: the transaction is complete. `pending`: a temporary error, the SMSC keeps trying
 * (another report may follow). `failed`: the SMSC has given up, permanently or after temporary
 * errors.
 */
export type DeliveryStatusGroup = 'delivered' | 'pending' | 'failed';

export interface DeliveryStatus {
  /** The raw TP-ST value. */
  readonly code: number;
  readonly group: DeliveryStatusGroup;
  /** True when no further report will follow for this message. */
  readonly final: boolean;
  /** Human-readable meaning of the code. */
  readonly description: string;
}

const DESCRIPTIONS: ReadonlyMap<number, string> = new Map([
  [0x00, 'short message received by the recipient'],
  [0x01, 'forwarded by the SMSC to the recipient, delivery not confirmed'],
  [0x02, 'short message replaced by the SMSC'],
  [0x20, 'congestion, still trying'],
  [0x21, 'recipient busy, still trying'],
  [0x22, 'no response from recipient, still trying'],
  [0x23, 'service rejected, still trying'],
  [0x24, 'quality of service not available, still trying'],
  [0x25, 'error in recipient, still trying'],
  [0x40, 'remote procedure error'],
  [0x41, 'incompatible destination'],
  [0x42, 'connection rejected by recipient'],
  [0x43, 'not obtainable'],
  [0x44, 'quality of service not available'],
  [0x45, 'no interworking available'],
  [0x46, 'validity period expired'],
  [0x47, 'deleted by the sender'],
  [0x48, 'deleted by SMSC administration'],
  [0x49, 'short message does not exist'],
  [0x60, 'congestion, no more attempts'],
  [0x61, 'recipient busy, no more attempts'],
  [0x62, 'no response from recipient, no more attempts'],
  [0x63, 'service rejected, no more attempts'],
  [0x64, 'quality of service not available, no more attempts'],
  [0x65, 'error in recipient, no more attempts'],
]);

/** Interprets a TP-ST value. Codes with bit 7 set are reserved and read as failures. */
export function describeDeliveryStatus(code: number): DeliveryStatus {
  const range = code & 0x60;
  const reserved = code > 0x7f;
  const group: DeliveryStatusGroup = reserved ? 'failed' : range === 0x00 ? 'delivered' : range === 0x20 ? 'pending' : 'failed';
  const specific = (code & 0x10) !== 0;
  const fallback = reserved
    ? 'reserved status code'
    : `${specific ? 'SMSC-specific' : 'reserved'} ${
        group === 'delivered' ? 'completion' : group === 'pending' ? 'temporary error, still trying' : range === 0x40 ? 'permanent error' : 'temporary error, no more attempts'
      } code`;
  return { code, group, final: group !== 'pending', description: DESCRIPTIONS.get(code) ?? fallback };
}
