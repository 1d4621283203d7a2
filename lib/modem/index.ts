// Modem layer barrel: the AT core and the serial port.
export * from './at';
export { SerialPortConnection, SerialPortOpenError, SerialPortListError, listSerialPorts } from './serial-port-connection';
export type { SerialPortConnectionOptions, SerialPortConnectionState, SerialPortInfo } from './serial-port-connection';
export * from './sockets';
