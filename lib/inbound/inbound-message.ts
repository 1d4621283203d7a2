/** One message received on the inbound listener: everything one connection sent. */
export interface InboundMessage {
  readonly data: Buffer;
  /** `data` decoded as UTF-8. */
  readonly text: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Scheduler clock (ms) when the message was complete. */
  readonly receivedAt: number;
}
