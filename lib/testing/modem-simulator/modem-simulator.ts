import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { asyncScheduler, Observable, Subject, type SchedulerLike, type Subscription } from '../../rx';
import { ClosedError } from '../../closed-error';
import { InvalidArgumentError } from '../../errors';
import { logger } from '../../logging';
import { BASIC_COMMANDS } from './basic-commands';
import type { ModemServices, SocketDialect } from './command-context';
import { CommandProcessor } from './command-processor';
import { FailureSchedule } from './failure-schedule';
import { DEVICE_COMMANDS } from './device-commands';
import { DIAL_COMMANDS, endCall } from './dial-commands';
import { EscapeSequence } from './escape-sequence';
import { CELL_LOCATE_COMMANDS, GNSS_COMMANDS } from './location-commands';
import {
  DeviceState,
  LocationState,
  ModemSettings,
  PacketDataState,
  RadioState,
  SIMState,
  SMSState,
  type DataCall,
  type ModemState,
  type NetworkRouting,
  type PhonebookEntry,
  type ReceivedRecords,
  type SimulatedPosition,
  type SMSMemory,
  type SocketWrite,
  type SubmittedSMS,
} from './modem-state';
import { changeRadio, NETWORK_COMMANDS } from './network-commands';
import { findPersonality, type ModemIdentity, type ModemPersonality, type ModemVendor } from './personality';
import { QUECTEL_SOCKETS } from './quectel-sockets';
import { SIM_COMMANDS } from './sim-commands';
import { isRegistered, type Registration } from './registration';
import { formatFinal, formatURC } from './result-codes';
import { deliverSMS, SMS_COMMANDS } from './sms-commands';
import { isPDUHex } from './sms-store';
import { UBLOX_SOCKETS } from './ublox-sockets';
import { V250_COMMANDS } from './v250-commands';
import { escapeRule } from './v250-profile';

const log = logger('modem-simulator');

const LOCATION_COMMANDS = { 'cell-locate': CELL_LOCATE_COMMANDS, gnss: GNSS_COMMANDS, none: {} } as const;

export interface ModemSimulatorOptions {
  /** Default `'u-blox'`. */
  readonly vendor?: ModemVendor;
  /** `SARA-U201` (default for u-blox), `SARA-R410M-02B` (or `R410`), `BG96` (default for Quectel), `EC21`. */
  readonly model?: string;
  /** A complete personality, instead of `vendor`/`model`. */
  readonly personality?: ModemPersonality;
  /** Overrides of the personality's IMEI, ICCID, IMSI, revision... */
  readonly identity?: Partial<ModemIdentity>;
  /** Delay before each response, in ms (on `scheduler`). Default 0: no timer at all. */
  readonly latencyMs?: number;
  /**
   * Clock of every delay (latency, reboot): `asyncScheduler` (real time) by default; a
   * `VirtualClock` to run a modem scenario in virtual time.
   */
  readonly scheduler?: SchedulerLike;
  /** Initial registration; default registered at home (stat 1) on the personality's access technology. */
  readonly registration?: Partial<Registration>;
  /** Initial `+CSQ` values; default 17,99. */
  readonly signal?: { readonly rssi: number; readonly ber?: number };
  /** Operator name for `+COPS`/`+UDOPN`; default `T-Mobile`. */
  readonly operatorName?: string;
  /** Short operator name (`AT+COPS=3,1`); default the long name. */
  readonly operatorShortName?: string;
  /** Operator MCC and MNC (`AT+COPS=3,2`); default `310260`. */
  readonly operatorNumeric?: string;
  /** Address the network gives an active PDP context; default `10.170.56.23`. */
  readonly ipAddress?: string;
  /** How long a reset (`AT+CFUN=16`, `AT+CFUN=1,1`) keeps the modem off the line, in ms; default 200. */
  readonly rebootMs?: number;
  /** Rewrites the target of socket connects (e.g. the cloud host to an in-process server). */
  readonly mapConnect?: (host: string, port: number) => { host: string; port: number };
  /** Real port for a modem listen port (`AT+USOLI`); default the same port. Return 0 for any free port. */
  readonly mapListenPort?: (port: number) => number;
  /** Interface real listeners bind to; default `127.0.0.1`. */
  readonly listenHost?: string;
  /**
   * Where CellLocate (`AT+ULOC`) and GNSS (`AT+QGPSLOC`) find the modem; `null` never finds it
   * (u-blox reports latitude and longitude 0, Quectel `+CME ERROR: 516`). Default: Chicago.
   */
  readonly position?: SimulatedPosition | null;
  /** How long a fix takes, in ms (and a CellLocate failure); default 100. */
  readonly locationDelayMs?: number;
  /** USSD request → the network's answer (`{ '*100#': 'Balance 5.00' }`); others get `+CUSD: 4`. */
  readonly ussd?: Readonly<Record<string, string>>;
  /** The SIM phone book ("SM", `AT+CPBR`), from index 1; default empty. */
  readonly phonebook?: readonly PhonebookEntry[];
  /** The SIM's own number (MSISDN: `AT+CNUM`, phone book "ON"); default none, as on many data SIMs. */
  readonly ownNumber?: string;
}

/** Where the simulated modem is unless told otherwise. */
export const DEFAULT_POSITION: SimulatedPosition = { latitude: 41.8781136, longitude: -87.6297982, altitude: 181, uncertainty: 1200 };

/** A socket the modem listens on: the port the host asked for and the real address it is bound to. */
export interface SimulatedListener {
  readonly socket: number;
  readonly modemPort: number;
  readonly address: AddressInfo;
}

/**
 * Whether the simulated modem is there to answer: `on`; `rebooting` (after `AT+CFUN=1,1` and the
 * like, until its boot URCs); `unplugged` for good (`unplug()`); `closed` (`released` resolves once
 * every socket is released and every stream completed).
 */
type SimulatorPower =
  | { readonly kind: 'on' }
  | { readonly kind: 'rebooting' }
  | { readonly kind: 'unplugged' }
  | { readonly kind: 'closed'; readonly released: Promise<void> };

/**
 * A scripted cellular modem speaking AT over any byte stream (`attach`): command echo, verbose or
 * numeric results, CME/CMS errors, registration URCs, an SMS store, and u-blox or Quectel sockets
 * that open REAL TCP connections. Knobs script the radio world (registration, signal, incoming SMS,
 * PDP loss) and faults (latency, failures, silence, garbage, unplug). A test double shipped with the
 * SDK: its timers run on the given scheduler (real time by default), and `close()` releases every socket, listener and timer it opened.
 */
export class ModemSimulator {
  readonly personality: ModemPersonality;
  /** What the simulator saw: command lines, submitted SMS PDUs, bytes written to sockets. */
  readonly received: ReceivedRecords = { commands: [], sms: [], socketWrites: [], data: [] };
  /** Delay before each response in ms; 0 answers without a timer. */
  latencyMs: number;

  readonly #state: ModemState;
  readonly #dialect: SocketDialect;
  readonly #services: ModemServices;
  readonly #processor: CommandProcessor;
  readonly #failures = new FailureSchedule();
  readonly #rebootMs: number;
  readonly #scheduler: SchedulerLike;
  readonly #timers = new Set<{ timer: Subscription; fire: () => void }>();
  /** Watches online data for the `+++` escape; a new one per `CONNECT`. */
  #escape = new EscapeSequence(0);
  #stream?: Duplex;
  #detachStream?: () => void;
  /** A hung modem (`silence()`): a fault toggled by the test, whatever the power phase. */
  #silent = false;
  /** Changed by `reboot`, `unplug` and `close` only. */
  #power: SimulatorPower = { kind: 'on' };

  readonly #commandsSubject = new Subject<string>();
  readonly #smsSubject = new Subject<SubmittedSMS>();
  readonly #socketWritesSubject = new Subject<SocketWrite>();
  readonly #resetsSubject = new Subject<void>();
  readonly #bootedSubject = new Subject<void>();
  readonly #unpluggedSubject = new Subject<void>();
  readonly #dataSubject = new Subject<Buffer>();

  /** Every command line the host sent, as received (also while silent). */
  readonly commands$: Observable<string> = this.#commandsSubject.asObservable();
  /** Every SMS the host submitted with `AT+CMGS`. */
  readonly smsSubmitted$: Observable<SubmittedSMS> = this.#smsSubject.asObservable();
  /** Every write the host made to a socket. */
  readonly socketWrites$: Observable<SocketWrite> = this.#socketWritesSubject.asObservable();
  /** Emits when the modem resets itself: a real USB modem's tty disappears for a moment. */
  readonly resets$: Observable<void> = this.#resetsSubject.asObservable();
  /** Emits when the modem is back on the line after a reset (after its boot URCs, if any). */
  readonly booted$: Observable<void> = this.#bootedSubject.asObservable();
  /**
   * Bytes the host sent in online data state (after `ATD*99#` → `CONNECT`): what would go to the
   * network's PPP peer. The `+++` of an escape is among them, as on a real line.
   */
  readonly data$: Observable<Buffer> = this.#dataSubject.asObservable();
  /** Emits once on `unplug()`: the owner of a pty should remove the device path. */
  readonly unplugged$: Observable<void> = this.#unpluggedSubject.asObservable();

  constructor(options: ModemSimulatorOptions = {}) {
    this.personality = options.personality ?? findPersonality(options.vendor ?? 'u-blox', options.model);
    this.latencyMs = nonNegative('latencyMs', options.latencyMs ?? 0);
    this.#rebootMs = nonNegative('rebootMs', options.rebootMs ?? 200);
    this.#scheduler = options.scheduler ?? asyncScheduler;
    const personality = this.personality;
    const registration: Registration = {
      stat: 1,
      lac: '00C3',
      ci: '0010B2F3',
      act: personality.accessTechnology,
      ...options.registration,
    };
    validateStat(registration.stat);
    const signal = { rssi: options.signal?.rssi ?? 17, ber: options.signal?.ber ?? 99 };
    validateSignal(signal.rssi, signal.ber);
    const routing: NetworkRouting = {
      mapConnect: options.mapConnect ?? ((host, port) => ({ host, port })),
      mapListenPort: options.mapListenPort ?? ((port) => port),
      listenHost: options.listenHost ?? '127.0.0.1',
    };
    this.#state = {
      personality,
      identity: { ...personality.identity, ...options.identity },
      settings: new ModemSettings(personality),
      radio: new RadioState(registration, signal, operator(options)),
      packetData: new PacketDataState(personality, options.ipAddress ?? '10.170.56.23'),
      sms: new SMSState(personality),
      device: new DeviceState(options.ussd ?? {}),
      sim: new SIMState(new Map(personality.phonebooks), {
        SM: validatePhonebook(options.phonebook ?? [], personality.phonebooks.find(([memory]) => memory === 'SM')![1]),
        ON: options.ownNumber === undefined ? [] : validatePhonebook([{ number: options.ownNumber, text: '' }], 1),
      }),
      location: new LocationState(
        options.position === undefined ? DEFAULT_POSITION : validatePosition(options.position),
        nonNegative('locationDelayMs', options.locationDelayMs ?? 100),
      ),
      received: this.received,
      routing,
    };
    this.#dialect = personality.socketDialect === 'u-blox' ? UBLOX_SOCKETS : QUECTEL_SOCKETS;
    this.#services = {
      state: this.#state,
      dialect: this.#dialect,
      urc: (...lines) => this.#writeURC(lines),
      smsSubmitted: (sms) => {
        this.received.sms.push(sms);
        this.#smsSubject.next(sms);
      },
      socketWritten: (write) => {
        this.received.socketWrites.push(write);
        this.#socketWritesSubject.next(write);
      },
      later: (ms, fire) => this.#schedule(ms, () => {
        if (this.#power.kind !== 'closed') fire();
      }),
      now: () => this.#scheduler.now(),
      online: () => {
        this.#escape = new EscapeSequence(this.#scheduler.now());
      },
    };
    this.#processor = new CommandProcessor(
      {
        services: this.#services,
        failures: this.#failures,
        latencyMs: () => this.latencyMs,
        silent: () => this.#silent,
        write: (bytes) => this.#write(bytes),
        delay: (ms) => new Promise<void>((resolve) => this.#schedule(ms, resolve)),
        commandSeen: (line) => {
          this.received.commands.push(line);
          this.#commandsSubject.next(line);
        },
        reboot: () => this.#reboot(),
      },
      [BASIC_COMMANDS, V250_COMMANDS, DIAL_COMMANDS, DEVICE_COMMANDS, SIM_COMMANDS, NETWORK_COMMANDS, SMS_COMMANDS, LOCATION_COMMANDS[personality.location], this.#dialect.commands],
      new Set(personality.unsupported),
    );
    this.#dialect.registrationChanged(this.#services);
  }

  /** Starts speaking AT on `stream` (the far end of a pty, a duplex pair, a socket). One at a time. */
  attach(stream: Duplex): void {
    if (this.#power.kind === 'closed') throw new ClosedError('modem-simulator');
    if (this.#stream) throw new InvalidArgumentError('stream', 'the modem simulator is already attached to a stream');
    const onData = (chunk: Buffer | string): void => {
      if (this.#power.kind !== 'on') return;
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
      if (this.#state.packetData.call.kind === 'online-data') this.#onlineData(bytes);
      else this.#processor.push(bytes);
    };
    const onGone = (): void => this.detach();
    stream.on('data', onData);
    stream.on('close', onGone);
    stream.on('error', onGone);
    this.#stream = stream;
    this.#detachStream = () => {
      stream.off('data', onData);
      stream.off('close', onGone);
      stream.off('error', onGone);
    };
  }

  /** Stops using the attached stream (left open: it belongs to the caller). */
  detach(): void {
    this.#detachStream?.();
    this.#detachStream = undefined;
    this.#stream = undefined;
  }

  /**
   * Sets what the network gives the modem: stat (0 not searching, 1 home, 2 searching, 3 denied,
   * 4 unknown, 5 roaming) and optionally the access technology, area and cell. Prints
   * `+CREG`/`+CGREG`/`+CEREG` URCs as the host enabled them.
   */
  setRegistration(stat: number, details: { act?: number; lac?: string; ci?: string } = {}): void {
    validateStat(stat);
    changeRadio(this.#services, (radio) => {
      radio.network = { ...radio.network, ...definedOnly(details), stat };
    });
    // Losing the network ends a dialled call.
    if (!isRegistered(this.#state.radio.registration)) this.dropCall();
  }

  /**
   * Moves the modem (`null`: it can no longer find where it is). Applies to the next `AT+ULOC` and
   * to `AT+QGPSLOC` at once.
   */
  setPosition(position: SimulatedPosition | null): void {
    this.#state.location.position = validatePosition(position);
  }

  /** Sets what `AT+CSQ` reports: rssi 0..31 or 99 (unknown), ber 0..7 or 99. */
  setSignal(rssi: number, ber = 99): void {
    validateSignal(rssi, ber);
    this.#state.radio.signal = { rssi, ber };
  }

  /**
   * An SMS arrives (PDU in hex, SMSC information first, as a modem prints it). Stored with
   * `+CMTI: "<mem>",<index>` or delivered as `+CMT: ,<length>` + PDU, as `AT+CNMI` asks; `store`
   * forces one or the other. It is stored in `AT+CPMS`'s `<mem3>` ("ME" after power-on), or in
   * `memory`. Returns the storage index, or `undefined` (delivered directly, or the memory is full).
   */
  injectSMS(pduHex: string, options: { store?: boolean; memory?: SMSMemory } = {}): number | undefined {
    if (!isPDUHex(pduHex)) throw new InvalidArgumentError('pduHex', `not a PDU in hex: "${pduHex.slice(0, 40)}"`);
    if (options.memory !== undefined && options.memory !== 'SM' && options.memory !== 'ME') {
      throw new InvalidArgumentError('memory', `SMS memory must be "SM" or "ME", got "${String(options.memory)}"`);
    }
    return deliverSMS(this.#services, pduHex, options.store, options.memory);
  }

  /** Prints an arbitrary unsolicited line now (`RING`, `^BOOT:...`, `+CUSD: ...`). */
  injectURC(line: string): void {
    this.#writeURC([line]);
  }

  /**
   * The next `times` command lines matching `pattern` (a case-insensitive prefix such as
   * `'AT+CSQ'`, or a RegExp) answer `+CME ERROR: <cmeCode>` (formatted per `AT+CMEE`).
   */
  failNext(pattern: string | RegExp, cmeCode: number, times = 1): void {
    if (!Number.isInteger(cmeCode) || cmeCode < 0) throw new InvalidArgumentError('cmeCode', `invalid CME code ${cmeCode}`);
    if (!Number.isInteger(times) || times < 1) throw new InvalidArgumentError('times', `invalid count ${times}`);
    this.#failures.add(pattern, cmeCode, times);
  }

  /** While on, commands get no echo and no answer (a hung modem); URCs still come. */
  silence(on = true): void {
    this.#silent = on;
  }

  /** Writes raw bytes to the host: line noise, a half line, a stray prompt. */
  injectGarbage(bytes: Buffer | string): void {
    this.#write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /**
   * The modem disappears: it stops answering, its sockets die, the stream is ended and
   * `unplugged$` emits (the pty owner removes the device path on it).
   */
  unplug(): void {
    if (this.#gone()) return;
    this.#power = { kind: 'unplugged' };
    this.#processor.stop();
    void this.#state.packetData.sockets.closeAll();
    const stream = this.#stream;
    this.detach();
    stream?.end();
    this.#unpluggedSubject.next();
    this.#unpluggedSubject.complete();
  }

  /**
   * The network tears the data connection down: u-blox `+UUPSDD: 0`, Quectel `+QIURC: "pdpdeact",<ctx>`;
   * a dialled call ends with `NO CARRIER`.
   */
  dropPDP(): void {
    this.dropCall();
    this.#dialect.dropPacketData(this.#services);
  }

  /** The V.250 line state: commands, or a dialled call online or escaped (`+++`) to commands. */
  get call(): DataCall {
    return this.#state.packetData.call;
  }

  /**
   * Bytes from the network to the host during a call (a PPP peer's frames). Ignored unless the
   * line is in online data state, as a modem in command state would not pass them.
   */
  sendData(bytes: Buffer | string): void {
    if (this.#state.packetData.call.kind === 'online-data') this.#write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** The network ends the call: the host sees `NO CARRIER` and the line is in command state again. */
  dropCall(): void {
    if (!endCall(this.#services)) return;
    this.#write(formatFinal({ kind: 'text', text: 'NO CARRIER' }, this.#state.settings));
    this.#processor.resume();
  }

  /** Where the socket listening for modem port `modemPort` really is, once `AT+USOLI` succeeded. */
  listener(modemPort: number): SimulatedListener | undefined {
    for (const socket of this.#state.packetData.sockets.all()) {
      const address = socket.listenAddress;
      if (socket.state === 'listening' && socket.modemPort === modemPort && address) {
        return { socket: socket.id, modemPort, address };
      }
    }
    return undefined;
  }

  /**
   * Stops answering and releases every socket, listener and timer; completes every observable.
   * Resolves once all is released (a second call waits for the same).
   */
  close(): Promise<void> {
    if (this.#power.kind === 'closed') return this.#power.released;
    // Closed first, so the timers fired below see it; the sockets are released after them.
    this.#power = { kind: 'closed', released: Promise.resolve().then(() => this.#releaseAll()) };
    this.#processor.stop();
    this.detach();
    for (const entry of [...this.#timers]) {
      entry.timer.unsubscribe();
      entry.fire();
    }
    this.#timers.clear();
    return this.#power.released;
  }

  async #releaseAll(): Promise<void> {
    await this.#state.packetData.sockets.closeAll();
    for (const subject of [
      this.#commandsSubject,
      this.#smsSubject,
      this.#socketWritesSubject,
      this.#resetsSubject,
      this.#bootedSubject,
      this.#unpluggedSubject,
      this.#dataSubject,
    ] as Subject<unknown>[]) {
      subject.complete();
    }
  }

  #reboot(): void {
    if (this.#gone()) return;
    this.#power = { kind: 'rebooting' };
    this.#processor.discardInput();
    void this.#state.packetData.sockets.closeAll();
    this.#state.packetData.contexts.clear();
    this.#state.packetData.internalProfile.active = false;
    this.#state.packetData.call = { kind: 'command' };
    this.#state.settings.reset(this.#state.device.storedProfile);
    this.#state.radio.functionality = 1;
    this.#state.device.boot();
    this.#state.location.gnssStartedAt = undefined;
    this.#resetsSubject.next();
    this.#schedule(this.#rebootMs, () => {
      if (this.#gone()) return;
      this.#processor.discardInput();
      this.#power = { kind: 'on' };
      this.#dialect.registrationChanged(this.#services);
      for (const line of this.personality.bootURCs) this.#writeURC([line]);
      this.#bootedSubject.next();
    });
  }

  /** Host bytes in online data state: they belong to the call, unless they complete a `+++` escape. */
  #onlineData(bytes: Buffer): void {
    this.received.data.push(bytes);
    this.#dataSubject.next(bytes);
    const { char, guardMs } = escapeRule(this.#state.settings.profile);
    const ticket = this.#escape.feed(bytes, this.#scheduler.now(), char, guardMs);
    if (ticket === undefined) return;
    const escape = this.#escape;
    this.#schedule(guardMs, () => {
      const call = this.#state.packetData.call;
      if (this.#power.kind === 'closed' || escape !== this.#escape || call.kind !== 'online-data' || !escape.confirm(ticket)) return;
      this.#state.packetData.call = { ...call, kind: 'online-command' };
      this.#write(formatFinal({ kind: 'OK' }, this.#state.settings));
      this.#processor.resume();
    });
  }

  /** Unplugged or closed: nothing the modem does reaches the host any more. */
  #gone(): boolean {
    return this.#power.kind === 'unplugged' || this.#power.kind === 'closed';
  }

  /** A timer on the scheduler that `close()` cancels; `fire` runs on cancel too, so awaiting code can end. */
  #schedule(ms: number, fire: () => void): void {
    const entry: { timer: Subscription; fire: () => void } = { timer: undefined as unknown as Subscription, fire };
    this.#timers.add(entry);
    entry.timer = this.#scheduler.schedule(() => {
      this.#timers.delete(entry);
      fire();
    }, ms);
  }

  #writeURC(lines: (string | Buffer)[]): void {
    if (this.#power.kind === 'rebooting') return;
    this.#write(Buffer.concat(lines.map((line, i) => (i === 0 ? formatURC(line, this.#state.settings) : rest(line)))));
  }

  #write(bytes: Buffer | string): void {
    const stream = this.#stream;
    if (!stream || this.#gone() || stream.destroyed || !stream.writable) return;
    if (log.enabled) log('-> %j', Buffer.from(bytes).toString('latin1'));
    stream.write(bytes);
  }
}

/** Continuation lines of a multi-line URC (`+CMT:` header, then the PDU): `<line>\r\n`. */
function rest(line: string | Buffer): Buffer {
  return Buffer.concat([typeof line === 'string' ? Buffer.from(line, 'latin1') : line, Buffer.from('\r\n')]);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) throw new InvalidArgumentError(name, `${name} must be a number >= 0, got ${value}`);
  return value;
}

function validateStat(stat: number): void {
  if (!Number.isInteger(stat) || stat < 0 || stat > 5) {
    throw new InvalidArgumentError('stat', `registration stat must be 0..5, got ${stat}`);
  }
}

function operator(options: ModemSimulatorOptions): { long: string; short: string; numeric: string } {
  const long = options.operatorName ?? 'T-Mobile';
  const numeric = options.operatorNumeric ?? '310260';
  if (!/^\d{5,6}$/.test(numeric)) throw new InvalidArgumentError('operatorNumeric', `operatorNumeric must be 5 or 6 digits, got "${numeric}"`);
  return { long, short: options.operatorShortName ?? long, numeric };
}

function validatePosition(position: SimulatedPosition | null): SimulatedPosition | null {
  if (position === null) return null;
  const { latitude, longitude, altitude = 0, uncertainty = 0 } = position;
  const bad = (value: number, limit: number): boolean => !Number.isFinite(value) || Math.abs(value) > limit;
  if (bad(latitude, 90)) throw new InvalidArgumentError('latitude', `latitude must be -90..90, got ${latitude}`);
  if (bad(longitude, 180)) throw new InvalidArgumentError('longitude', `longitude must be -180..180, got ${longitude}`);
  if (!Number.isFinite(altitude)) throw new InvalidArgumentError('altitude', `altitude must be a number, got ${altitude}`);
  if (!Number.isFinite(uncertainty) || uncertainty < 0) {
    throw new InvalidArgumentError('uncertainty', `uncertainty must be a number >= 0, got ${uncertainty}`);
  }
  return position;
}

function validatePhonebook(entries: readonly PhonebookEntry[], capacity: number): readonly PhonebookEntry[] {
  if (entries.length > capacity) throw new InvalidArgumentError('phonebook', `the SIM phone book holds ${capacity} entries, got ${entries.length}`);
  for (const { number, text } of entries) {
    if (typeof number !== 'string' || !/^\+?[0-9*#]{1,40}$/.test(number)) {
      throw new InvalidArgumentError('number', `a phone book number is digits, * and # with an optional leading +, got "${String(number)}"`);
    }
    if (typeof text !== 'string' || text.length > 18) throw new InvalidArgumentError('text', `a phone book name is at most 18 characters, got "${String(text)}"`);
  }
  return entries;
}

function validateSignal(rssi: number, ber: number): void {
  if (!Number.isInteger(rssi) || !((rssi >= 0 && rssi <= 31) || rssi === 99)) {
    throw new InvalidArgumentError('rssi', `rssi must be 0..31 or 99, got ${rssi}`);
  }
  if (!Number.isInteger(ber) || !((ber >= 0 && ber <= 7) || ber === 99)) {
    throw new InvalidArgumentError('ber', `ber must be 0..7 or 99, got ${ber}`);
  }
}
