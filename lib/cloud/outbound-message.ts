/** A message on its way to the cloud: the payload and the topics that travel with it. */
export interface OutboundMessage {
  readonly data: string;
  readonly topics: readonly string[];
}
