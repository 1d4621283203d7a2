import type { ModemPersonality } from './personality';

/**
 * The V.250 settings a modem keeps per profile: echo, result code format and suppression, the
 * `CONNECT` format, the DCD/DTR/flow-control modes and the S-registers. `AT&W` stores the active
 * profile, `ATZ` (and a reboot) brings the stored one back, `AT&F` the factory one. Pure data.
 */
export interface V250Profile {
  echo: boolean;
  verbose: boolean;
  /** `ATQ1`: final result codes are not sent. */
  quiet: boolean;
  /** `ATX<n>`: 0 plain `CONNECT`, 1..4 also call-progress codes (no difference for packet data). */
  resultCodes: number;
  /** `AT&C<n>`: 0 DCD always on, 1 DCD follows the carrier. */
  dcdMode: number;
  /** `AT&D<n>`: what a DTR drop does (0 nothing, 1 online command state, 2 hang up). */
  dtrMode: number;
  /** u-blox `AT&K<n>`: 0 no flow control, 3 RTS/CTS, 4 XON/XOFF. */
  flowControl: number;
  /** `ATS<n>`: register number → value. */
  registers: Map<number, number>;
}

/** An S-register of a model: its number, factory value and accepted range. */
export interface SRegister {
  readonly number: number;
  readonly initial: number;
  readonly min: number;
  readonly max: number;
}

/**
 * S0 rings before auto-answer, S2 escape character, S3 line terminator, S4 response formatting,
 * S5 backspace, S6 pause before blind dialling, S7 connection completion timeout, S8 comma pause,
 * S10 carrier-loss hang-up delay, S12 escape guard time (1/50 s). The u-blox SARA manuals document
 * S2 and S12 (escape character and guard time); Quectel's use a fixed `+++` with 1 s guard time.
 */
export const UBLOX_S_REGISTERS: readonly SRegister[] = [
  { number: 0, initial: 0, min: 0, max: 255 },
  { number: 2, initial: 43, min: 0, max: 255 },
  { number: 3, initial: 13, min: 0, max: 127 },
  { number: 4, initial: 10, min: 0, max: 127 },
  { number: 5, initial: 8, min: 0, max: 127 },
  { number: 6, initial: 2, min: 2, max: 10 },
  { number: 7, initial: 60, min: 1, max: 255 },
  { number: 8, initial: 2, min: 0, max: 255 },
  { number: 10, initial: 14, min: 1, max: 254 },
  { number: 12, initial: 50, min: 0, max: 255 },
];

export const QUECTEL_S_REGISTERS: readonly SRegister[] = [
  { number: 0, initial: 0, min: 0, max: 255 },
  { number: 3, initial: 13, min: 0, max: 127 },
  { number: 4, initial: 10, min: 0, max: 127 },
  { number: 5, initial: 8, min: 0, max: 127 },
  { number: 6, initial: 2, min: 2, max: 10 },
  { number: 7, initial: 0, min: 0, max: 255 },
  { number: 8, initial: 2, min: 0, max: 255 },
  { number: 10, initial: 15, min: 1, max: 254 },
];

/**
 * Registers whose value the simulator's framing depends on: it frames with CR LF and honours
 * backspace only, so it accepts just those values (a client that changes them is told ERROR, not
 * silently misframed).
 */
export const FIXED_REGISTERS: ReadonlyMap<number, number> = new Map([
  [3, 13],
  [4, 10],
  [5, 8],
]);

export function factoryProfile(personality: ModemPersonality): V250Profile {
  return {
    echo: true,
    verbose: true,
    quiet: false,
    resultCodes: personality.vendor === 'u-blox' ? 4 : 1,
    dcdMode: 1,
    dtrMode: personality.vendor === 'u-blox' ? 1 : 2,
    flowControl: 3,
    registers: new Map(personality.sRegisters.map((register) => [register.number, register.initial])),
  };
}

export function copyProfile(profile: V250Profile): V250Profile {
  return { ...profile, registers: new Map(profile.registers) };
}

/** The `+++` escape: the character and the guard time in ms (S2 and S12 where the model has them). */
export function escapeRule(profile: V250Profile): { char: number; guardMs: number } {
  return { char: profile.registers.get(2) ?? 0x2b, guardMs: (profile.registers.get(12) ?? 50) * 20 };
}
