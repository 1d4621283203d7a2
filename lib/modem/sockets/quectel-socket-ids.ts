import { QUECTEL_SOCKET_IDS } from './quectel-socket-dialect';

/**
 * Quectel lets the host choose the socket id (`<connectID>` 0..11). One pool per modem: an id is
 * taken for an exchange and given back once `AT+QICLOSE` has answered, so two exchanges never
 * share an id even while one is still closing.
 */
export class QuectelSocketIds {
  readonly #inUse = new Set<number>();

  readonly #size: number;

  constructor(size = QUECTEL_SOCKET_IDS) {
    this.#size = size;
  }

  /** The lowest free id, now taken; undefined when all are in use. */
  take(): number | undefined {
    for (let id = 0; id < this.#size; id++) {
      if (!this.#inUse.has(id)) {
        this.#inUse.add(id);
        return id;
      }
    }
    return undefined;
  }

  free(id: number): void {
    this.#inUse.delete(id);
  }

  get used(): number {
    return this.#inUse.size;
  }
}
