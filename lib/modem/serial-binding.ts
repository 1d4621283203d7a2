/**
 * The serial binding contract, as `@serialport/bindings-interface` defines it, written out here:
 * that package's `exports` map hides its types from `node16`/`bundler` resolution, so a public
 * declaration that named them would not type-check in applications. serialport's bindings
 * (`autoDetect()`, `MockBinding`) and `VirtualSerialBinding` all match it structurally.
 */

/** Options a binding opens a port with. */
export interface SerialOpenOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  lock?: boolean;
  stopBits?: 1 | 1.5 | 2;
  parity?: string;
  rtscts?: boolean;
  xon?: boolean;
  xoff?: boolean;
  xany?: boolean;
  hupcl?: boolean;
}

/** A port as a binding lists it; only `path` is guaranteed. */
export interface SerialBindingPortInfo {
  path: string;
  manufacturer: string | undefined;
  serialNumber: string | undefined;
  pnpId: string | undefined;
  locationId: string | undefined;
  productId: string | undefined;
  vendorId: string | undefined;
}

/** Modem control lines as a port reports them. */
export interface SerialPortStatus {
  cts: boolean;
  dsr: boolean;
  dcd: boolean;
}

/**
 * One open port. Reads resolve with at least one byte; reads and writes under way when the port
 * is closed fail with an error whose `canceled` is true; any other read error is a disconnection.
 */
export interface SerialBindingPort {
  readonly openOptions: Required<SerialOpenOptions>;
  isOpen: boolean;
  close(): Promise<void>;
  read(buffer: Buffer, offset: number, length: number): Promise<{ buffer: Buffer; bytesRead: number }>;
  write(buffer: Buffer): Promise<void>;
  update(options: { baudRate: number }): Promise<void>;
  set(options: { brk?: boolean; cts?: boolean; dsr?: boolean; dtr?: boolean; rts?: boolean }): Promise<void>;
  get(): Promise<SerialPortStatus>;
  getBaudRate(): Promise<{ baudRate: number }>;
  flush(): Promise<void>;
  drain(): Promise<void>;
}

/** A serial binding: the platform's, serialport's `MockBinding`, a simulator's, or your own. */
export interface SerialBinding<Port extends SerialBindingPort = SerialBindingPort> {
  list(): Promise<SerialBindingPortInfo[]>;
  open(options: SerialOpenOptions): Promise<Port>;
}
