/**
 * What a socket URC tells, whatever the vendor: the transport and the listener react to these and
 * never to vendor text. Produced by the dialects' pure URC parsers.
 */
export type SocketEvent =
  /** Data waits in the modem: `length` is the total unread (u-blox) or unknown (Quectel buffer mode). */
  | { readonly kind: 'data'; readonly socketId: number; readonly length?: number }
  /** Data pushed with the URC itself (Quectel push mode `+QIURC: "recv",<id>,<len>` + bytes). */
  | { readonly kind: 'pushed'; readonly socketId: number; readonly bytes: Buffer }
  /** The peer closed the connection (`+UUSOCL`, `+QIURC: "closed"`). */
  | { readonly kind: 'closed'; readonly socketId: number }
  /** Quectel `+QIOPEN: <id>,<err>`: the outcome of a connect (0 = connected). */
  | { readonly kind: 'opened'; readonly socketId: number; readonly error: number }
  /** u-blox `+UUSOLI`: a listening socket accepted a connection as a new socket. */
  | {
      readonly kind: 'accepted';
      readonly socketId: number;
      readonly remoteAddress: string;
      readonly remotePort: number;
      readonly listeningSocketId: number;
      readonly localAddress: string;
      readonly localPort: number;
    };
