import type { Duplex } from 'node:stream';
import { firstValueFrom } from 'rxjs';
import { ATEngine } from '../../../lib/modem/at/at-engine';
import { PDPContext } from '../../../lib/modem/sockets/pdp-context';
import type { PDPFlavour } from '../../../lib/modem/sockets/pdp-dialect';
import { ModemSocketTransport, type ModemSocketTransportOptions } from '../../../lib/modem/sockets/modem-socket-transport';
import type { SocketVendor } from '../../../lib/modem/sockets/socket-vendor';
import { ModemSimulator } from '../../../lib/testing/modem-simulator';
import { startServer, type TestServer } from '../../testing/tcp-fixtures';
import type * as net from 'node:net';

/** A modem model under test: simulator personality, socket vendor and PDP flavour. */
export interface ModemCase {
  readonly name: string;
  readonly vendor: SocketVendor;
  readonly model: string;
  readonly flavour: PDPFlavour;
  readonly transport?: ModemSocketTransportOptions;
}

export const MODEM_CASES: readonly ModemCase[] = [
  { name: 'u-blox SARA-U201', vendor: 'u-blox', model: 'SARA-U201', flavour: 'ublox-profile' },
  { name: 'u-blox SARA-R410', vendor: 'u-blox', model: 'R410', flavour: 'lte-default-bearer' },
  { name: 'Quectel BG96 (push)', vendor: 'quectel', model: 'BG96', flavour: 'quectel', transport: { accessMode: 'push' } },
  { name: 'Quectel EC21 (buffer)', vendor: 'quectel', model: 'EC21', flavour: 'quectel', transport: { accessMode: 'buffer' } },
];

export const CLOUD_HOST = 'cloudsocket.hologram.io';
export const CLOUD_PORT = 9999;

/** A real in-process server that answers like the cloud: `[0,0]` once `expected` bytes are in, then closes. */
export async function cloudServer(expected = 1, reply = '[0,0]'): Promise<TestServer> {
  return startServer((socket: net.Socket) => {
    let count = 0;
    socket.on('data', (bytes) => {
      count += bytes.length;
      if (count >= expected && !socket.writableEnded) socket.end(reply);
    });
  });
}

/** Simulator + engine + PDP context + transport over `hostEnd`/`modemEnd` (a duplex pair, or a pty through serialport). */
export class SocketRig {
  readonly sim: ModemSimulator;
  readonly engine: ATEngine;
  readonly pdp: PDPContext;
  readonly transport: ModemSocketTransport;

  constructor(
    readonly modem: ModemCase,
    hostEnd: Duplex | undefined,
    modemEnd: Duplex,
    server: { port: number } | undefined,
    transportOptions: ModemSocketTransportOptions = {},
  ) {
    this.sim = new ModemSimulator({
      vendor: modem.vendor,
      model: modem.model,
      mapConnect: (host, port) => (host === CLOUD_HOST && port === CLOUD_PORT && server ? { host: '127.0.0.1', port: server.port } : { host, port }),
      mapListenPort: () => 0,
    });
    this.sim.attach(modemEnd);
    this.engine = new ATEngine(hostEnd, { resync: { probeTimeoutMs: 500, quietMs: 50 } });
    this.pdp = new PDPContext(this.engine, modem.flavour);
    this.transport = new ModemSocketTransport(this.engine, modem.vendor, { ...modem.transport, ...transportOptions });
  }

  /** What a driver does first: numeric `+CME ERROR`s, then the data context. */
  async activate(): Promise<void> {
    await this.engine.command('AT+CMEE=1');
    await firstValueFrom(this.pdp.activate$('hologram'));
  }

  /** Waits until every command queued so far has run (a FIFO `AT` after them), then returns the commands seen since `from`. */
  async commandsSince(from: number): Promise<string[]> {
    await this.engine.command('AT');
    return this.sim.received.commands.slice(from, -1);
  }

  async close(): Promise<void> {
    this.pdp.close();
    this.engine.close();
    await this.sim.close();
  }
}
