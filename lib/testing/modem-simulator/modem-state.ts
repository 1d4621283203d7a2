import type { ModemIdentity, ModemPersonality, RegistrationCommand } from './personality';
import type { Registration, RegistrationUrcMode } from './registration';
import { SmsStore } from './sms-store';
import { SocketTable } from './simulated-socket';

/**
 * Everything the simulated modem remembers, in small parts. Settings return to power-on values on
 * `ATZ` and reboot; the network side (registration, signal) is the world outside and survives.
 */

/** Per-session settings a reboot resets. */
export class ModemSettings {
  echo = true;
  verbose = true;
  cmee: 0 | 1 | 2 = 0;
  /** `AT+CMGF`: 0 PDU, 1 text. */
  smsFormat: 0 | 1 = 0;
  /** `AT+CNMI=<mode>,<mt>`: mt 0 store silently, 1 store and `+CMTI`, 2 deliver as `+CMT`. */
  newMessageIndication = { mode: 0, mt: 0 };
  registrationUrcModes = new Map<RegistrationCommand, RegistrationUrcMode>();
  /** u-blox `AT+UDCONF=1,1`: socket data in hex. */
  socketHexMode = false;

  constructor(private readonly personality: ModemPersonality) {
    this.reset();
  }

  reset(): void {
    this.echo = true;
    this.verbose = true;
    this.cmee = this.personality.defaultCmee;
    this.smsFormat = 0;
    this.newMessageIndication = { mode: 0, mt: 0 };
    this.registrationUrcModes = new Map(this.personality.registrationCommands.map((c) => [c, 0]));
    this.socketHexMode = false;
  }
}

/** The radio side: what the network offers, whether the radio is on, and the signal. */
export class RadioState {
  /** `AT+CFUN`: 1 full, 0 minimum (radio off), 4 airplane. */
  functionality = 1;

  constructor(
    /** What the network would give a powered radio. */
    public network: Registration,
    public signal: { rssi: number; ber: number },
    public operatorName: string,
  ) {}

  /** What the modem reports: nothing registered while the radio is off. */
  get registration(): Registration {
    return this.functionality === 1 ? this.network : { ...this.network, stat: 0 };
  }
}

/** A PDP context (3GPP cid, Quectel contextID) or the u-blox internal profile. */
export interface PdpContext {
  apn: string;
  active: boolean;
}

/** Packet data: PDP contexts, the u-blox internal profile 0, and the sockets. */
export class PacketDataState {
  readonly contexts = new Map<number, PdpContext>();
  /** u-blox `+UPSD` profile 0 (SARA-U201). */
  readonly internalProfile: PdpContext = { apn: '', active: false };
  attached = true;
  readonly sockets: SocketTable;

  constructor(
    personality: ModemPersonality,
    /** The address the network gives an active context. */
    readonly ipAddress: string,
  ) {
    this.sockets = new SocketTable(personality.maxSockets);
  }

  context(cid: number): PdpContext {
    let context = this.contexts.get(cid);
    if (!context) {
      context = { apn: '', active: false };
      this.contexts.set(cid, context);
    }
    return context;
  }
}

/** A PDU the host submitted with `AT+CMGS`. */
export interface SubmittedSms {
  /** The `<length>` given to `AT+CMGS` (TPDU octets). */
  readonly length: number;
  /** The PDU as written by the host (SMSC information included), upper-case hex. */
  readonly pduHex: string;
  /** The message reference the modem answered with. */
  readonly messageReference: number;
}

/** Bytes the host wrote to a socket through the modem. */
export interface SocketWrite {
  readonly socket: number;
  readonly bytes: Buffer;
}

/** What the simulator saw, for tests to assert on. */
export interface ReceivedRecords {
  readonly commands: string[];
  readonly sms: SubmittedSms[];
  readonly socketWrites: SocketWrite[];
}

export class SmsState {
  readonly store: SmsStore;
  /** Next TP-Message-Reference. */
  nextReference = 0;

  constructor(personality: ModemPersonality) {
    this.store = new SmsStore(personality.smsFirstIndex, personality.smsCapacity);
  }
}

/** Where the simulator's real TCP traffic goes. */
export interface NetworkRouting {
  /** Rewrites a host's connect target (e.g. `cloudsocket.hologram.io:9999` to an in-process server). */
  mapConnect(host: string, port: number): { host: string; port: number };
  /** The real port a modem-side listen port is bound to (0 = any free port). */
  mapListenPort(port: number): number;
  readonly listenHost: string;
}

export interface ModemState {
  readonly personality: ModemPersonality;
  readonly identity: ModemIdentity;
  readonly settings: ModemSettings;
  readonly radio: RadioState;
  readonly packetData: PacketDataState;
  readonly sms: SmsState;
  readonly received: ReceivedRecords;
  readonly routing: NetworkRouting;
}
