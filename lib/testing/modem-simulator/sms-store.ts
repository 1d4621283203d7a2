/**
 * The modem's SMS memory ("ME"), holding PDUs as hex with their 27.005 status
 * (0 received unread, 1 received read, 2 stored unsent, 3 stored sent). Pure: no I/O.
 */
export type SMSStatus = 0 | 1 | 2 | 3;

export interface StoredSMS {
  readonly index: number;
  readonly status: SMSStatus;
  /** The PDU as the modem prints it: SMSC information then the TPDU, upper-case hex. */
  readonly pduHex: string;
}

export class SMSStore {
  readonly #messages = new Map<number, StoredSMS>();

  readonly #firstIndex: number;

  constructor(
    firstIndex: number,
    readonly capacity: number,
  ) {
    this.#firstIndex = firstIndex;
  }

  get used(): number {
    return this.#messages.size;
  }

  /** Stores a received PDU at the lowest free index; `undefined` when the memory is full. */
  store(pduHex: string, status: SMSStatus = 0): number | undefined {
    for (let index = this.#firstIndex; index < this.#firstIndex + this.capacity; index++) {
      if (!this.#messages.has(index)) {
        this.#messages.set(index, { index, status, pduHex: pduHex.toUpperCase() });
        return index;
      }
    }
    return undefined;
  }

  /** How many messages have `status` (reading nothing). */
  count(status: SMSStatus): number {
    return [...this.#messages.values()].filter((m) => m.status === status).length;
  }

  /** One message as stored, without marking it read (`AT+CMSS` sending a stored one). */
  peek(index: number): StoredSMS | undefined {
    return this.#messages.get(index);
  }

  /** A stored message's new status: stored unsent (2) becomes stored sent (3) once `AT+CMSS` sent it. */
  setStatus(index: number, status: SMSStatus): void {
    const message = this.#messages.get(index);
    if (message) this.#messages.set(index, { ...message, status });
  }

  /** Reads one message; reading an unread message marks it read, as `AT+CMGR` does. */
  read(index: number): StoredSMS | undefined {
    const message = this.#messages.get(index);
    if (message?.status === 0) this.#messages.set(index, { ...message, status: 1 });
    return message;
  }

  /** Messages with status `status` (4 = all) in index order; unread ones become read. */
  list(status: SMSStatus | 4): StoredSMS[] {
    const selected = [...this.#messages.values()]
      .filter((m) => status === 4 || m.status === status)
      .sort((a, b) => a.index - b.index);
    for (const message of selected) this.read(message.index);
    return selected;
  }

  isValidIndex(index: number): boolean {
    return index >= this.#firstIndex && index < this.#firstIndex + this.capacity;
  }

  delete(index: number): void {
    this.#messages.delete(index);
  }

  /**
   * `AT+CMGD=<i>,<flag>`: 1 deletes read messages, 2 read and sent, 3 read, sent and unsent,
   * 4 everything.
   */
  deleteByFlag(flag: 1 | 2 | 3 | 4): void {
    const statuses: Record<number, SMSStatus[]> = { 1: [1], 2: [1, 3], 3: [1, 2, 3], 4: [0, 1, 2, 3] };
    for (const message of [...this.#messages.values()]) {
      if (statuses[flag].includes(message.status)) this.#messages.delete(message.index);
    }
  }

  clear(): void {
    this.#messages.clear();
  }
}

/** True when `text` is a non-empty even-length hex string. */
export function isPDUHex(text: string): boolean {
  return text.length > 0 && text.length % 2 === 0 && /^[0-9A-Fa-f]+$/.test(text);
}

/**
 * The TPDU length in octets that `+CMGR`/`+CMGL`/`+CMT` and `AT+CMGS=<length>` use: the PDU's
 * length minus its leading SMSC information (first octet = SMSC length, in octets).
 */
export function tpduLength(pduHex: string): number {
  const smscLength = parseInt(pduHex.slice(0, 2), 16);
  return pduHex.length / 2 - 1 - smscLength;
}
