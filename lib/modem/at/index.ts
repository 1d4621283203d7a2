// Raw AT access: the pure parser, the engine and their types.
export { AtEngine } from './at-engine';
export type { AtEngineState, AtEngineOptions, AtCommandOptions, AtRetryOptions } from './at-engine';
export { AtParser } from './at-parser';
export type { AtParserEvent, AtParserOptions, PendingCommand } from './at-parser';
export { duplexAtPort } from './at-port';
export type { AtPort } from './at-port';
export { responseArgs, plainLines } from './at-response';
export type { AtResponse } from './at-response';
export { AtCommandError, AtTimeoutError, ModemDisconnectedError } from './at-errors';
export type { DisconnectReason } from './at-errors';
export { classifyFinalResult } from './final-result';
export type { FinalResult } from './final-result';
export { KNOWN_URCS } from './urc';
export type { Urc, UrcRule } from './urc';
export { parseAtArgs, splitPrefixedLine, commandName } from './at-args';
export { commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS, SLOW_COMMAND_TIMEOUTS_MS } from './command-timeouts';
