// Raw AT access: the pure parser, the engine and their types.
export { ATEngine } from './at-engine';
export type { ATEngineState, ATEngineOptions, ATCommandOptions, ATRetryOptions } from './at-engine';
export { ATParser } from './at-parser';
export type { ATParserEvent, ATParserOptions, PendingCommand } from './at-parser';
export { duplexATPort } from './at-port';
export type { ATPort } from './at-port';
export { responseArgs, plainLines } from './at-response';
export type { ATResponse } from './at-response';
export { ATCommandError, ATTimeoutError, ModemDisconnectedError } from './at-errors';
export type { DisconnectReason } from './at-errors';
export { classifyFinalResult } from './final-result';
export type { FinalResult } from './final-result';
export { KNOWN_URCS } from './urc';
export type { URC, URCRule } from './urc';
export { parseATArgs, splitPrefixedLine, commandName } from './at-args';
export { commandTimeoutMs, DEFAULT_COMMAND_TIMEOUT_MS, SLOW_COMMAND_TIMEOUTS_MS } from './command-timeouts';
export { fitsAnswerShape, answerValue, defaultAnswerShape, IMEI_ANSWER, IMSI_ANSWER } from './answer-shape';
export type { ATAnswerShape, ATValueShape } from './answer-shape';
