import { InvalidArgumentError } from '../../errors';
import { encodeAddressField, encodeSMSCField, SMSAddressInput } from './address';
import { encodeDataCodingScheme, MessageClass } from './data-coding-scheme';
import { EncodedPDU } from './sms-pdu';
import { SMSAddressError } from './sms-address-error';
import { SMSEncoding, splitSMSText } from './sms-text-splitter';
import { concatElement, InformationElement } from './user-data-header';
import { encodeUserData } from './user-data';
import { encodeRelativeValidity, VPF_NONE, VPF_RELATIVE } from './validity-period';

export interface SubmitOptions {
  /** TP-MR of the first part (0–255, default 0); later parts count up. Most modems replace it. */
  readonly messageReference?: number;
  /**
   * Concatenation reference shared by the parts of a multipart message. Pass a counter so that
   * two messages to the same recipient never share one; the default is derived from the
   * destination and text.
   */
  readonly concatReference?: number;
  /** 8 (default, 153 septets per part) or 16-bit concatenation references. */
  readonly concatReferenceBits?: 8 | 16;
  /** How long the SMSC keeps trying, in minutes (relative TP-VP, rounded up). Omitted: none. */
  readonly validityMinutes?: number;
  /** Ask the network for an SMS-STATUS-REPORT (`+CDS`). */
  readonly statusReportRequest?: boolean;
  /** TP-RD: the SMSC drops a resend with the same TP-MR and destination. */
  readonly rejectDuplicates?: boolean;
  /** `auto` (default): GSM 7-bit, UCS2 only when a character needs it. */
  readonly encoding?: SMSEncoding;
  readonly messageClass?: MessageClass;
  /** SMSC to use; omitted writes `00` so the modem uses its configured SMSC. */
  readonly smsc?: SMSAddressInput;
  /** Most parts allowed (default 255). */
  readonly maxParts?: number;
}

/**
 * Builds the SMS-SUBMIT PDUs for one text message, one per part, for `AT+CMGS` in PDU mode.
 * The destination must be `+digits` (international) or digits (national).
 */
export function encodeSubmit(destination: string, text: string, options: SubmitOptions = {}): EncodedPDU[] {
  if (typeof destination !== 'string') {
    throw new SMSAddressError('destination', String(destination), 'expected a string of +digits or digits');
  }
  const destinationField = encodeAddressField(destination, 'destination');
  const referenceBits = options.concatReferenceBits ?? 8;
  if (referenceBits !== 8 && referenceBits !== 16) {
    throw new InvalidArgumentError('concatReferenceBits', `concatReferenceBits must be 8 or 16, got ${String(referenceBits)}`);
  }
  const messageReference = checkInteger('messageReference', options.messageReference ?? 0, 255);
  const concatReference = checkInteger(
    'concatReference',
    options.concatReference ?? defaultConcatReference(destination, text, referenceBits),
    referenceBits === 16 ? 0xffff : 0xff,
  );
  const split = splitSMSText(text, { encoding: options.encoding, concatReferenceBits: referenceBits, maxParts: options.maxParts });
  const validity = options.validityMinutes === undefined ? undefined : encodeRelativeValidity(options.validityMinutes);
  const smsc = encodeSMSCField(options.smsc);
  const dcs = encodeDataCodingScheme(split.alphabet, options.messageClass);
  const total = split.parts.length;

  return split.parts.map((content, index) => {
    const elements: InformationElement[] =
      total > 1 ? [concatElement({ reference: concatReference, referenceBits, total, sequence: index + 1 })] : [];
    const firstOctet =
      0x01 /* TP-MTI: SMS-SUBMIT */ |
      (options.rejectDuplicates ? 0x04 : 0) |
      ((validity === undefined ? VPF_NONE : VPF_RELATIVE) << 3) |
      (options.statusReportRequest ? 0x20 : 0) |
      (elements.length > 0 ? 0x40 : 0);
    const tpdu = Buffer.concat([
      Buffer.from([firstOctet, (messageReference + index) & 0xff]),
      destinationField,
      Buffer.from([0x00 /* TP-PID: plain SMS */, dcs]),
      validity === undefined ? Buffer.alloc(0) : Buffer.from([validity]),
      encodeUserData(content, elements),
    ]);
    return { pdu: Buffer.concat([smsc, tpdu]).toString('hex').toUpperCase(), tpduLength: tpdu.length };
  });
}

/** A reference that differs between messages without needing state (FNV-1a of the content). */
export function defaultConcatReference(destination: string, text: string, bits: 8 | 16): number {
  let hash = 0x811c9dc5;
  const input = `${destination}\u0000${text}`;
  for (let index = 0; index < input.length; index++) {
    hash ^= input.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return bits === 16 ? (hash ^ (hash >>> 16)) & 0xffff : (hash ^ (hash >>> 8) ^ (hash >>> 16) ^ (hash >>> 24)) & 0xff;
}

function checkInteger(argument: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidArgumentError(argument, `${argument} must be an integer 0..${max}, got ${String(value)}`);
  }
  return value;
}
