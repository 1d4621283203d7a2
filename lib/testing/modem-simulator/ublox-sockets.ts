import { integerArg } from './at-command';
import type { CommandContext, ModemServices, SocketDialect } from './command-context';
import { isRegistered } from './registration';
import type { SimulatedSocket, SocketListener } from './simulated-socket';

/**
 * u-blox SARA socket commands (`+UPSD*` for the U201's internal PDP profile, `+USO*` sockets),
 * backed by real TCP. Error codes follow the SARA manuals: socket misuse is
 * `+CME ERROR: 3` (operation not allowed), activation without registration `148`.
 */

const TCP = 6;
/** Largest `AT+USORD` chunk: 1024 bytes, 512 in hex mode (SARA-U2 limits). */
const MAX_READ = 1024;
const MAX_READ_HEX = 512;

/** Whether the IP stack has a bearer: the U201's profile 0, or the R410's default bearer (cid 1). */
export function bearerActive(services: ModemServices): boolean {
  const { personality, packetData } = services.state;
  return personality.internalPDPProfile ? packetData.internalProfile.active : packetData.context(1).active;
}

/** Closes every socket and tells the host with `+UUSOCL`. */
function closeAllSockets(services: ModemServices): void {
  for (const socket of services.state.packetData.sockets.all()) {
    services.state.packetData.sockets.remove(socket.id);
    services.urc(`+UUSOCL: ${socket.id}`);
  }
}

function socketListener(services: ModemServices): SocketListener {
  return {
    data(socket) {
      services.urc(`+UUSORD: ${socket.id},${socket.pending}`);
    },
    peerClosed(socket) {
      // Announced once the host has read what arrived before the close: the reply is never lost.
      if (socket.pending === 0) {
        services.state.packetData.sockets.remove(socket.id);
        services.urc(`+UUSOCL: ${socket.id}`);
      }
    },
  };
}

function profileConfiguration(context: CommandContext): void {
  const { command } = context;
  const profile = integerArg(command, 0);
  const parameter = integerArg(command, 1);
  if (command.form !== 'set' || profile === undefined || parameter === undefined || profile > 6) return context.cme(3);
  const stored = context.state.packetData.internalProfile;
  if (command.args.length === 2) {
    if (parameter === 1 && profile === 0) context.info(`+UPSD: 0,1,"${stored.apn}"`);
    return context.ok();
  }
  if (parameter === 1 && profile === 0) stored.apn = command.args[2];
  context.ok();
}

function profileAction(context: CommandContext): void {
  const profile = integerArg(context.command, 0);
  const action = integerArg(context.command, 1);
  if (context.command.form !== 'set' || profile !== 0 || action === undefined || action > 4) return context.cme(3);
  const { internalProfile } = context.state.packetData;
  if (action === 3) {
    if (!isRegistered(context.state.radio.registration)) return context.cme(148);
    internalProfile.active = true;
  } else if (action === 4) {
    if (internalProfile.active) closeAllSockets(context);
    internalProfile.active = false;
  }
  context.ok();
}

function profileStatus(context: CommandContext): void {
  const profile = integerArg(context.command, 0);
  const parameter = integerArg(context.command, 1);
  if (context.command.form !== 'set' || profile !== 0) return context.cme(3);
  const { internalProfile, ipAddress } = context.state.packetData;
  if (parameter === 8) {
    context.info(`+UPSND: 0,8,${internalProfile.active ? 1 : 0}`);
  } else if (parameter === 0) {
    if (!internalProfile.active) return context.cme(3);
    context.info(`+UPSND: 0,0,"${ipAddress}"`);
  } else {
    return context.cme(3);
  }
  context.ok();
}

function dataConfiguration(context: CommandContext): void {
  const { command, state } = context;
  const parameter = integerArg(command, 0);
  if (command.form !== 'set' || parameter === undefined) return context.error();
  if (parameter !== 1) return context.ok();
  if (command.args.length === 1) {
    context.info(`+UDCONF: 1,${state.settings.socketHexMode ? 1 : 0}`);
    return context.ok();
  }
  const value = integerArg(command, 1);
  if (value !== 0 && value !== 1) return context.cme(3);
  state.settings.socketHexMode = value === 1;
  context.ok();
}

function createSocket(context: CommandContext): void {
  if (context.command.form !== 'set') return context.error();
  if (integerArg(context.command, 0) !== TCP) return context.cme(4);
  const socket = context.state.packetData.sockets.allocate();
  if (!socket) return context.cme(3);
  context.info(`+USOCR: ${socket.id}`);
  context.ok();
}

function createdSocket(context: CommandContext): SimulatedSocket | undefined {
  const socket = context.state.packetData.sockets.get(integerArg(context.command, 0));
  return socket?.state === 'created' ? socket : undefined;
}

/** `AT+USOCO`: blocks, like the real unit, until the TCP connection is up or refused. */
async function connectSocket(context: CommandContext): Promise<void> {
  const socket = createdSocket(context);
  const port = integerArg(context.command, 2);
  const host = context.command.args[1];
  if (context.command.form !== 'set' || !socket || !host || port === undefined) return context.cme(3);
  if (!bearerActive(context)) return context.cme(3);
  const target = context.state.routing.mapConnect(host, port);
  try {
    await socket.connect(target.host, target.port, socketListener(context));
  } catch {
    return context.cme(3);
  }
  context.ok();
}

async function writeSocket(context: CommandContext): Promise<void> {
  const { command, state } = context;
  const socket = state.packetData.sockets.get(integerArg(command, 0));
  const length = integerArg(command, 1);
  if (command.form !== 'set' || !socket?.writable || length === undefined) return context.cme(3);

  let bytes: Buffer;
  if (command.args.length === 2) {
    // Binary form: `@` prompt, then exactly <length> raw bytes.
    const body = await context.prompt('@', { kind: 'length', length });
    if (body.kind !== 'data') return context.cme(3);
    bytes = body.bytes;
  } else {
    const data = command.args[2];
    if (state.settings.socketHexMode) {
      if (!/^([0-9A-Fa-f]{2})*$/.test(data) || data.length !== length * 2) return context.cme(3);
      bytes = Buffer.from(data, 'hex');
    } else {
      if (data.length !== length) return context.cme(3);
      bytes = Buffer.from(data, 'latin1');
    }
  }
  if (!socket.writable) return context.cme(3);
  try {
    await socket.write(bytes);
  } catch {
    return context.cme(3);
  }
  context.socketWritten({ socket: socket.id, bytes });
  context.info(`+USOWR: ${socket.id},${bytes.length}`);
  context.ok();
}

function readSocket(context: CommandContext): void {
  const { command, state } = context;
  const socket = state.packetData.sockets.get(integerArg(command, 0));
  const wanted = integerArg(command, 1);
  if (command.form !== 'set' || !socket || wanted === undefined) return context.cme(3);
  if (wanted === 0) {
    context.info(`+USORD: ${socket.id},${socket.pending}`);
    return context.ok();
  }
  const hex = state.settings.socketHexMode;
  const bytes = socket.read(Math.min(wanted, hex ? MAX_READ_HEX : MAX_READ));
  const data = hex ? bytes.toString('hex').toUpperCase() : bytes.toString('latin1');
  // SARA-R4 leaves the length out when nothing was read (SARA-R4 AT manual §19.12.4: `+USORD: 0,""`).
  const omitLength = bytes.length === 0 && state.personality.model.startsWith('SARA-R4');
  context.info(omitLength ? `+USORD: ${socket.id},""` : `+USORD: ${socket.id},${bytes.length},"${data}"`);
  context.ok();
  if (socket.peerClosed && socket.pending === 0) {
    state.packetData.sockets.remove(socket.id);
    context.urc(`+UUSOCL: ${socket.id}`);
  }
}

function closeSocket(context: CommandContext): void {
  const { sockets } = context.state.packetData;
  const socket = sockets.get(integerArg(context.command, 0));
  if (context.command.form !== 'set' || !socket) return context.cme(3);
  sockets.remove(socket.id);
  context.ok();
}

/**
 * `AT+USOLI=<s>,<port>`: listens on a real port (mapped through the routing options, since the
 * modem's port may be taken or privileged on the test machine). Each accepted connection gets a
 * new socket and `+UUSOLI: <new>,"<ip>",<port>,<listening>,"<modem ip>",<listen port>`.
 */
async function listenSocket(context: CommandContext): Promise<void> {
  const socket = createdSocket(context);
  const port = integerArg(context.command, 1);
  if (context.command.form !== 'set' || !socket || port === undefined) return context.cme(3);
  if (!bearerActive(context)) return context.cme(3);
  const { routing, packetData } = context.state;
  const listener = socketListener(context);
  socket.modemPort = port;
  try {
    await socket.listen(routing.listenHost, routing.mapListenPort(port), (tcp) => {
      const accepted = packetData.sockets.allocate();
      if (!accepted) return void tcp.destroy();
      accepted.adopt(tcp, listener);
      const remote = accepted.remoteAddress ?? { address: '0.0.0.0', port: 0 };
      context.urc(
        `+UUSOLI: ${accepted.id},"${remote.address}",${remote.port},${socket.id},"${packetData.ipAddress}",${port}`,
      );
    });
  } catch {
    return context.cme(3);
  }
  context.ok();
}

export const UBLOX_SOCKETS: SocketDialect = {
  commands: {
    '+UPSD': profileConfiguration,
    '+UPSDA': profileAction,
    '+UPSND': profileStatus,
    '+UDCONF': dataConfiguration,
    '+USOCR': createSocket,
    '+USOCO': connectSocket,
    '+USOWR': writeSocket,
    '+USORD': readSocket,
    '+USOCL': closeSocket,
    '+USOLI': listenSocket,
  },

  dropPacketData(services) {
    const { personality, packetData } = services.state;
    if (personality.internalPDPProfile && packetData.internalProfile.active) {
      packetData.internalProfile.active = false;
      services.urc('+UUPSDD: 0');
    }
    for (const context of packetData.contexts.values()) context.active = false;
    closeAllSockets(services);
  },

  registrationChanged(services) {
    const { personality, packetData, radio } = services.state;
    if (personality.internalPDPProfile) return;
    // LTE: the default bearer exists exactly while registered.
    const registered = isRegistered(radio.registration);
    const bearer = packetData.context(1);
    if (bearer.active && !registered) closeAllSockets(services);
    bearer.active = registered;
  },
};
