import type { ATCommand } from './at-command';
import type { Body, BodySpec } from './command-line-reader';
import type { ModemState, SocketWrite, SubmittedSMS } from './modem-state';
import type { FinalResult } from './result-codes';

/**
 * What command handlers and knobs may do to the modem: read and change its state, print URCs, and
 * report what the host sent. Kept as an interface so handlers stay small functions over it.
 */
export interface ModemServices {
  readonly state: ModemState;
  /** Prints an unsolicited result code now (framed per `ATV`); more lines for `+CMT: ...` + PDU. */
  urc(...lines: (string | Buffer)[]): void;
  smsSubmitted(sms: SubmittedSMS): void;
  socketWritten(write: SocketWrite): void;
  /** The vendor's socket commands and how they report lost packet data. */
  readonly dialect: SocketDialect;
  /** Runs `fire` after `ms` on a timer `close()` cancels (late URCs: `+UULOC`). */
  later(ms: number, fire: () => void): void;
  /** The scheduler's clock, in ms (the module clock `AT+CCLK` reads is kept relative to it). */
  now(): number;
  /** The line has just entered online data state (`CONNECT`): host bytes now belong to the call. */
  online(): void;
}

/** One command being answered. Exactly one final result ends it. */
export interface CommandContext extends ModemServices {
  readonly command: ATCommand;
  /** Information text, sent with the final result (`\r\n+CSQ: 17,99\r\n`). */
  info(...lines: (string | Buffer)[]): void;
  finish(result: FinalResult): void;
  ok(): void;
  error(): void;
  cme(code: number): void;
  cms(code: number): void;
  /**
   * Sends the prompt (`\r\n> `, u-blox `@`) and reads the body the host writes after it. Any
   * information text so far is sent first.
   */
  prompt(marker: string, spec: BodySpec): Promise<Body>;
  /** Answers OK, then the modem drops off the line briefly and boots again. */
  reboot(): void;
}

export type CommandHandler = (context: CommandContext) => void | Promise<void>;

/** Handlers by parsed command name (`+CSQ`, `E`, `I9`). */
export type CommandTable = Readonly<Record<string, CommandHandler>>;

/** How a vendor's sockets report lost packet data. */
export interface SocketDialect {
  readonly commands: CommandTable;
  dropPacketData(services: ModemServices): void;
  /** After the registration changed (LTE units bring their default bearer up and down with it). */
  registrationChanged(services: ModemServices): void;
}
