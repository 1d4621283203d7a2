import type { ModemIdentity, ModemPersonality, RegistrationCommand } from './personality';
import type { Registration, RegistrationURCMode } from './registration';
import { SMSStore } from './sms-store';
import { SocketTable } from './simulated-socket';
import { copyProfile, factoryProfile, type V250Profile } from './v250-profile';

/**
 * Everything the simulated modem remembers, in small parts. Settings return to power-on values on
 * `ATZ` and reboot; the network side (registration, signal) is the world outside and survives.
 */

/** Per-session settings a reboot resets. */
export class ModemSettings {
  /** The V.250 profile in use (`ATE`, `ATV`, `ATQ`, `ATX`, `AT&C`, `AT&D`, `AT&K`, `ATS`). */
  profile!: V250Profile;
  cmee: 0 | 1 | 2 = 0;
  /** `AT+CMGF`: 0 PDU, 1 text. */
  smsFormat: 0 | 1 = 0;
  /** `AT+CNMI=<mode>,<mt>`: mt 0 store silently, 1 store and `+CMTI`, 2 deliver as `+CMT`. */
  newMessageIndication = { mode: 0, mt: 0 };
  registrationURCModes = new Map<RegistrationCommand, RegistrationURCMode>();
  /** u-blox `AT+UDCONF=1,1`: socket data in hex. */
  socketHexMode = false;
  /** `AT+CSCS`: character set of text parameters (text-mode SMS, numbers, USSD). */
  charset: CharacterSet = 'IRA';
  /** `AT+CSMP=<fo>,<vp>,<pid>,<dcs>`: text-mode SMS-SUBMIT parameters (27.005 §3.3.2). */
  textModeParameters = { fo: 17, vp: 167, pid: 0, dcs: 0 };
  /** `AT+CLIP`: calling line identification shown with `RING`. */
  callerId = false;
  /** `AT+CRC`: incoming calls announced as `+CRING: <type>` rather than `RING`. */
  cellularResultCodes = false;
  /** `AT+CTZR`: time zone change reports (0 off, 1 `+CTZV`, 2 `+CTZE`). */
  timeZoneReporting = 0;
  /** `AT+IPR`: the serial rate the host asked for (a USB or pty line has none to change). */
  baudRate = 115200;
  /** `AT+FCLASS`: 0 data (the only class a packet modem offers). */
  serviceClass = 0;
  /** `AT+COPS=3,<format>`: how `AT+COPS?` names the operator (0 long, 1 short, 2 numeric). */
  operatorFormat: 0 | 1 | 2 = 0;
  /** `AT+CUSD=<n>`: unsolicited USSD result codes on or off. */
  ussdResults = false;


  readonly #personality: ModemPersonality;

  constructor(personality: ModemPersonality) {
    this.#personality = personality;
    this.reset();
  }

  get echo(): boolean {
    return this.profile.echo;
  }
  set echo(on: boolean) {
    this.profile.echo = on;
  }
  get verbose(): boolean {
    return this.profile.verbose;
  }
  set verbose(on: boolean) {
    this.profile.verbose = on;
  }
  get quiet(): boolean {
    return this.profile.quiet;
  }

  /** Power-on values, with the V.250 profile the host stored (`AT&W`) or the factory one. */
  reset(stored?: V250Profile): void {
    this.profile = copyProfile(stored ?? factoryProfile(this.#personality));
    this.cmee = this.#personality.defaultCMEE;
    this.smsFormat = 0;
    this.newMessageIndication = { mode: 0, mt: 0 };
    this.registrationURCModes = new Map(this.#personality.registrationCommands.map((c) => [c, 0]));
    this.socketHexMode = false;
    this.charset = this.#personality.defaultCharset;
    this.textModeParameters = { fo: 17, vp: 167, pid: 0, dcs: 0 };
    this.callerId = false;
    this.cellularResultCodes = false;
    this.timeZoneReporting = 0;
    this.ussdResults = false;
    this.operatorFormat = 0;
    this.baudRate = 115200;
    this.serviceClass = 0;
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
    /** The operator's long and short names and its MCC+MNC. */
    readonly operator: { readonly long: string; readonly short: string; readonly numeric: string },
  ) {}

  /** What the modem reports: nothing registered while the radio is off. */
  get registration(): Registration {
    return this.functionality === 1 ? this.network : { ...this.network, stat: 0 };
  }
}

/** A PDP context (3GPP cid, Quectel contextID) or the u-blox internal profile. */
export interface PDPContext {
  apn: string;
  active: boolean;
}

/**
 * The V.250 line state: commands; or a packet data call (`ATD*99***<cid>#`) in online data state
 * (bytes are the call's) or escaped to online command state (`+++`, back with `ATO`).
 * `ownsContext`: the dial activated the context, so hanging up deactivates it.
 */
export type DataCall =
  | { readonly kind: 'command' }
  | { readonly kind: 'online-data' | 'online-command'; readonly cid: number; readonly ownsContext: boolean };

/** Packet data: PDP contexts, the u-blox internal profile 0, the sockets and the data call. */
export class PacketDataState {
  readonly contexts = new Map<number, PDPContext>();
  call: DataCall = { kind: 'command' };
  /** u-blox `+UPSD` profile 0 (SARA-U201). */
  readonly internalProfile: PDPContext = { apn: '', active: false };
  attached = true;
  readonly sockets: SocketTable;

  constructor(
    personality: ModemPersonality,
    /** The address the network gives an active context. */
    readonly ipAddress: string,
  ) {
    this.sockets = new SocketTable(personality.maxSockets);
  }

  context(cid: number): PDPContext {
    let context = this.contexts.get(cid);
    if (!context) {
      context = { apn: '', active: false };
      this.contexts.set(cid, context);
    }
    return context;
  }
}

/** An SMS the host submitted with `AT+CMGS`, in PDU or text mode. */
export interface SubmittedSMS {
  /** How the host sent it: a PDU, or text mode (the simulator built the PDU). */
  readonly format: 'pdu' | 'text';
  /** Text mode: the destination and text as the host gave them (after `AT+CSCS` decoding). */
  readonly destination?: string;
  readonly text?: string;
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
  readonly sms: SubmittedSMS[];
  readonly socketWrites: SocketWrite[];
  /** Bytes the host sent in online data state (see `ModemSimulator.data$`). */
  readonly data: Buffer[];
}

/** The two message memories (27.005 §3.1): the SIM's and the module's own. */
export type SMSMemory = 'SM' | 'ME';

/** How the host talks to the modem about text (`AT+CSCS`, 27.007 §5.5). */
export type CharacterSet = 'GSM' | 'IRA' | 'UCS2';

export class SMSState {
  /** Separate stores: a message lives in exactly one, so listing both shows it once. */
  readonly stores: Readonly<Record<SMSMemory, SMSStore>>;
  /** `AT+CPMS`: memories for reading/deleting, writing/sending, and receiving. Kept over resets. */
  preferred: [SMSMemory, SMSMemory, SMSMemory] = ['ME', 'ME', 'ME'];
  /** `AT+CSCA`: the service centre address and its type of address (145 international, 129 other). */
  serviceCentre: { address: string; type: number };
  /** Next TP-Message-Reference. */
  nextReference = 0;
  /** `AT+CSMS`: message service (0 phase 2, 1 phase 2+). */
  service: 0 | 1 = 0;

  constructor(personality: ModemPersonality) {
    this.stores = {
      SM: new SMSStore(personality.smsFirstIndex, personality.smsSIMCapacity),
      ME: new SMSStore(personality.smsFirstIndex, personality.smsCapacity),
    };
    this.serviceCentre = { address: personality.serviceCentre, type: 145 };
  }

  /** The memory `AT+CMGR`/`AT+CMGL`/`AT+CMGD` work on (`<mem1>`). */
  get readStore(): SMSStore {
    return this.stores[this.preferred[0]];
  }
}

/** A phone book entry (27.007 §8.12 `+CPBR`): number, and the name in plain text. */
export interface PhonebookEntry {
  readonly number: string;
  readonly text: string;
}

/** Phone book memories (27.007 §8.11): SIM, fixed dialling, own numbers, emergency, call lists, module. */
export type PhonebookMemory = 'SM' | 'FD' | 'ON' | 'EN' | 'LD' | 'DC' | 'RC' | 'MC' | 'ME';

/**
 * The SIM: its PIN and PIN2 (`AT+CPWD` changes them), the facilities locked with `AT+CLCK`, and
 * its phone books (selected with `AT+CPBS`). The simulated SIM's PIN check is off (`+CPIN: READY`).
 */
export class SIMState {
  readonly passwords = new Map<string, string>([
    ['SC', '1234'],
    ['P2', '5678'],
    // Personalisation keys and the network's call barring password.
    ['PS', '12345678'],
    ['NET', '0000'],
  ]);
  /** Facilities locked now (`AT+CLCK=<fac>,1`). */
  readonly locks = new Set<string>();
  phonebook: PhonebookMemory = 'SM';
  /** Entries by memory and index (from 1). */
  readonly phonebooks: Map<PhonebookMemory, Map<number, PhonebookEntry>>;

  constructor(
    /** Entries per memory and each memory's size. */
    readonly capacities: ReadonlyMap<PhonebookMemory, number>,
    entries: { readonly SM?: readonly PhonebookEntry[]; readonly ON?: readonly PhonebookEntry[] },
  ) {
    this.phonebooks = new Map([...capacities.keys()].map((memory) => [memory, new Map<number, PhonebookEntry>()]));
    for (const memory of ['SM', 'ON'] as const) {
      (entries[memory] ?? []).forEach((entry, i) => this.phonebooks.get(memory)?.set(i + 1, entry));
    }
  }
}

/** Settings the units keep in NVM (they survive `ATZ` and reboots) and the USSD the network answers. */
export class DeviceState {
  /** `AT+CTZU`: time zone from the network. */
  automaticTimeZone = false;
  /** `AT+CCLK`: the module clock's distance from the scheduler's clock, and its time zone (quarter hours). */
  clockOffsetMs = 0;
  clockZoneQuarters = 0;
  /** `AT&W`: the V.250 profile `ATZ` and power-on bring back; the factory one until stored. */
  storedProfile?: V250Profile;
  /** u-blox `AT+UUSBCONF`: the USB profile in use, and the one the next boot brings. */
  usbProfile = 0;
  nextUSBProfile = 0;

  constructor(
    /** USSD request (`*100#`) → the network's answer. */
    readonly ussdReplies: Readonly<Record<string, string>>,
  ) {}

  /** What a boot changes: a new USB profile comes into use. */
  boot(): void {
    this.usbProfile = this.nextUSBProfile;
  }
}

/** Where the modem is: degrees (WGS 84), altitude and uncertainty in metres. */
export interface SimulatedPosition {
  readonly latitude: number;
  readonly longitude: number;
  readonly altitude?: number;
  /** 50% confidence radius of a CellLocate fix (`+UULOC` `<uncertainty>`). Default 0. */
  readonly uncertainty?: number;
}

/** The location service: the position the modem would find (`null`: none), and its GNSS session. */
export class LocationState {
  /** CellLocate `+ULOCCELL` scan mode. */
  scanMode = 0;
  /** Counts `+ULOC` requests: a newer one aborts the pending one. */
  requests = 0;
  /** `Date.now()` when `AT+QGPS=1` started the session; undefined while off. */
  gnssStartedAt?: number;

  constructor(
    public position: SimulatedPosition | null,
    /** How long a fix takes (CellLocate's URC, Quectel's first fix), and a CellLocate failure, in ms. */
    readonly delayMs: number,
  ) {}
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
  readonly sms: SMSState;
  readonly device: DeviceState;
  readonly sim: SIMState;
  readonly location: LocationState;
  readonly received: ReceivedRecords;
  readonly routing: NetworkRouting;
}
