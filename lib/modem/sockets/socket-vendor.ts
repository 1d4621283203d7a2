/** Which AT socket dialect a modem speaks: u-blox SARA `+USO*` or Quectel BG96/EC21 `+QI*`. */
export type SocketVendor = 'u-blox' | 'quectel';
