import { integerArg, optionalIntegerArg } from './at-command';
import type { CommandContext, ModemServices, SocketDialect } from './command-context';
import { isRegistered } from './registration';
import type { SocketListener } from './simulated-socket';

/**
 * Quectel BG96/EC21 TCP/IP commands (`+QICSGP`, `+QIACT`, `+QIOPEN`, `+QISEND`, `+QIRD`...),
 * backed by real TCP. Not simulated: UDP and listener services, transparent access mode (2) and the
 * variable-length `AT+QISEND=<id>` form (the SDK always gives a length).
 */

/** Largest `AT+QISEND` body and default `AT+QIRD` size (BG96 manual). */
const MAX_SEND = 1460;
const DEFAULT_READ = 1500;
const ERR_SOCKET_ID_USED = 563;
const ERR_CONNECT_FAILED = 566;
const ERR_PDP_NOT_ACTIVE = 561;

function socketListener(services: ModemServices): SocketListener {
  return {
    data(socket, _bytes, wasEmpty) {
      if (socket.accessMode === 1) {
        const bytes = socket.read(socket.pending);
        services.urc(`+QIURC: "recv",${socket.id},${bytes.length}`, bytes);
      } else if (wasEmpty) {
        // Buffer mode: one notice per batch; the host reads until +QIRD: 0.
        services.urc(`+QIURC: "recv",${socket.id}`);
      }
    },
    peerClosed(socket) {
      services.urc(`+QIURC: "closed",${socket.id}`);
    },
  };
}

function contextConfiguration(context: CommandContext): void {
  const { command, state } = context;
  const cid = integerArg(command, 0);
  if (command.form !== 'set' || cid === undefined || cid < 1 || cid > 16) return context.error();
  const pdp = state.packetData.context(cid);
  if (command.args.length === 1) {
    context.info(`+QICSGP: 1,"${pdp.apn}","","",0`);
    return context.ok();
  }
  pdp.apn = command.args[2] ?? '';
  context.ok();
}

function activateContext(context: CommandContext): void {
  const { command, state } = context;
  if (command.form === 'read') {
    const lines = [...state.packetData.contexts.entries()]
      .filter(([, pdp]) => pdp.active)
      .sort(([a], [b]) => a - b)
      .map(([cid]) => `+QIACT: ${cid},1,1,"${state.packetData.ipAddress}"`);
    context.info(...lines);
    return context.ok();
  }
  const cid = integerArg(command, 0);
  if (command.form !== 'set' || cid === undefined || cid < 1 || cid > 16) return context.error();
  if (!isRegistered(state.radio.registration)) return context.error();
  state.packetData.context(cid).active = true;
  context.ok();
}

function deactivateContext(context: CommandContext): void {
  const cid = integerArg(context.command, 0);
  if (context.command.form !== 'set' || cid === undefined) return context.error();
  const { packetData } = context.state;
  for (const socket of packetData.sockets.all()) {
    if (socket.contextId === cid) packetData.sockets.remove(socket.id);
  }
  packetData.context(cid).active = false;
  context.ok();
}

/** `AT+QIOPEN`: answers OK at once; `+QIOPEN: <id>,<err>` follows when the real connect ends. */
function openSocket(context: CommandContext): void {
  const { command, state } = context;
  const cid = integerArg(command, 0);
  const id = integerArg(command, 1);
  const service = command.args[2]?.toUpperCase();
  const host = command.args[3];
  const port = integerArg(command, 4);
  const accessMode = optionalIntegerArg(command, 6, 0);
  if (command.form !== 'set' || cid === undefined || id === undefined || !host || port === undefined || accessMode === undefined) {
    return context.error();
  }
  if (service !== 'TCP' || accessMode > 1 || id >= state.packetData.sockets.size) return context.error();
  context.ok();

  const socket = state.packetData.sockets.create(id);
  if (!socket) return context.urc(`+QIOPEN: ${id},${ERR_SOCKET_ID_USED}`);
  socket.contextId = cid;
  socket.accessMode = accessMode;
  if (!state.packetData.context(cid).active) {
    state.packetData.sockets.remove(id);
    return context.urc(`+QIOPEN: ${id},${ERR_PDP_NOT_ACTIVE}`);
  }
  const target = state.routing.mapConnect(host, port);
  socket.connect(target.host, target.port, socketListener(context)).then(
    () => context.urc(`+QIOPEN: ${id},0`),
    () => {
      if (state.packetData.sockets.get(id) !== socket) return; // closed meanwhile
      state.packetData.sockets.remove(id);
      context.urc(`+QIOPEN: ${id},${ERR_CONNECT_FAILED}`);
    },
  );
}

async function send(context: CommandContext, id: number | undefined, bytes: Buffer | number): Promise<void> {
  const socket = context.state.packetData.sockets.get(id);
  if (!socket || socket.state !== 'connected') return context.error();
  let data: Buffer;
  if (typeof bytes === 'number') {
    const body = await context.prompt('\r\n> ', { kind: 'length', length: bytes });
    if (body.kind !== 'data') return context.error();
    data = body.bytes;
  } else {
    data = bytes;
  }
  if (!socket.writable) return context.finish({ kind: 'text', text: 'SEND FAIL' });
  try {
    await socket.write(data);
  } catch {
    return context.finish({ kind: 'text', text: 'SEND FAIL' });
  }
  context.socketWritten({ socket: socket.id, bytes: data });
  context.finish({ kind: 'text', text: 'SEND OK' });
}

async function sendData(context: CommandContext): Promise<void> {
  const { command, state } = context;
  const id = integerArg(command, 0);
  const length = integerArg(command, 1);
  if (command.form !== 'set' || length === undefined || length > MAX_SEND) return context.error();
  if (length === 0) {
    const socket = state.packetData.sockets.get(id);
    if (!socket) return context.error();
    // Everything handed to TCP counts as acknowledged: the kernel's buffers are not simulated.
    context.info(`+QISEND: ${socket.totalSent},${socket.totalSent},0`);
    return context.ok();
  }
  await send(context, id, length);
}

async function sendHex(context: CommandContext): Promise<void> {
  const hex = context.command.args[1] ?? '';
  if (context.command.form !== 'set' || !/^([0-9A-Fa-f]{2})+$/.test(hex) || hex.length / 2 > 512) {
    return context.error();
  }
  await send(context, integerArg(context.command, 0), Buffer.from(hex, 'hex'));
}

function readData(context: CommandContext): void {
  const { command, state } = context;
  const socket = state.packetData.sockets.get(integerArg(command, 0));
  const wanted = command.args.length > 1 ? integerArg(command, 1) : DEFAULT_READ;
  if (command.form !== 'set' || !socket || wanted === undefined) return context.error();
  if (wanted === 0) {
    context.info(`+QIRD: ${socket.totalReceived},${socket.totalRead},${socket.pending}`);
    return context.ok();
  }
  const bytes = socket.read(Math.min(wanted, DEFAULT_READ));
  if (bytes.length === 0) context.info('+QIRD: 0');
  else context.info(`+QIRD: ${bytes.length}`, bytes);
  context.ok();
}

function closeConnection(context: CommandContext): void {
  const id = integerArg(context.command, 0);
  if (context.command.form !== 'set' || id === undefined) return context.error();
  context.state.packetData.sockets.remove(id);
  context.ok();
}

export const QUECTEL_SOCKETS: SocketDialect = {
  commands: {
    '+QICSGP': contextConfiguration,
    '+QIACT': activateContext,
    '+QIDEACT': deactivateContext,
    '+QIOPEN': openSocket,
    '+QISEND': sendData,
    '+QISENDEX': sendHex,
    '+QIRD': readData,
    '+QICLOSE': closeConnection,
  },

  dropPacketData(services) {
    const { packetData } = services.state;
    for (const [cid, pdp] of [...packetData.contexts.entries()].sort(([a], [b]) => a - b)) {
      if (!pdp.active) continue;
      pdp.active = false;
      for (const socket of packetData.sockets.all()) {
        if (socket.contextId === cid) packetData.sockets.remove(socket.id);
      }
      services.urc(`+QIURC: "pdpdeact",${cid}`);
    }
  },

  registrationChanged() {
    // Quectel contexts survive registration changes until the network tears them down (dropPDP).
  },
};
