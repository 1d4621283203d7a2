import { parseATArgs, splitPrefixedLine } from './at-args';
import { classifyFinalResult, type FinalResult } from './final-result';
import { UNKNOWN_CARET_RULE, type URC, type URCRule } from './urc';
import type { PendingCommand } from './at-parser';

/** A pending command as the parser follows it: its name and form, and whether its echo and prompt came. */
export interface AttributedCommand extends PendingCommand {
  readonly name?: string;
  readonly setForm: boolean;
  readonly echoSeen: boolean;
  readonly promptSeen: boolean;
}

/** Raw bytes larger than this are not believed (a corrupt length) and are not collected. */
const MAX_RAW_LENGTH = 65536;

/** How the bytes after a URC's header line belong to it. */
export type URCFraming =
  | { readonly kind: 'whole' }
  | { readonly kind: 'second-line' }
  | { readonly kind: 'raw'; readonly length: number };

/** What one complete line is, given the pending command. */
export type LineMeaning =
  /** The echo of the pending command line (`command`) or of its text body (`body`). */
  | { readonly kind: 'echo'; readonly of: 'command' | 'body' }
  | { readonly kind: 'final'; readonly result: FinalResult }
  | { readonly kind: 'urc'; readonly urc: URC; readonly framing: URCFraming }
  /** An information line; `rawLength` raw bytes follow it (a Quectel `+QIRD: <len>`). */
  | { readonly kind: 'line'; readonly rawLength?: number };

/**
 * What `line` is (pure): the pending command's echo first, then a final result code, then a URC,
 * else a response line. The order matters: a modem echoing `AT+CREG?` is not answering it, and a
 * `+CREG:` line is the answer to a pending `AT+CREG?` unless its shape says URC.
 */
export function classifyLine(line: string, pending: AttributedCommand | undefined, urcs: Readonly<Record<string, URCRule>>): LineMeaning {
  return echoOf(line, pending) ?? finalOf(line) ?? urcOf(line, pending, urcs) ?? responseLineOf(line, pending);
}

function echoOf(line: string, pending: AttributedCommand | undefined): LineMeaning | undefined {
  if (!pending) return undefined;
  if (!pending.echoSeen && line.toUpperCase() === pending.command.toUpperCase()) return { kind: 'echo', of: 'command' };
  if (pending.body !== undefined && pending.promptSeen && line === pending.body.trim()) return { kind: 'echo', of: 'body' };
  return undefined;
}

function finalOf(line: string): LineMeaning | undefined {
  const result = classifyFinalResult(line);
  return result && { kind: 'final', result };
}

/** A URC by its name (`+CMTI: ...`, or a bare known line such as `RING`) unless it answers the pending command. */
function urcOf(line: string, pending: AttributedCommand | undefined, urcs: Readonly<Record<string, URCRule>>): LineMeaning | undefined {
  const prefixed = splitPrefixedLine(line);
  const name = prefixed?.name ?? (Object.hasOwn(urcs, line) ? line : undefined);
  if (name === undefined) return undefined;
  const rest = prefixed?.rest ?? '';
  const rule = urcs[name] ?? (name.startsWith('^') ? UNKNOWN_CARET_RULE : undefined);
  if (!rule || !isURC(name, rest, rule, pending)) return undefined;
  const args = parseATArgs(rest);
  return { kind: 'urc', urc: { name, line, args }, framing: urcFraming(rule, args) };
}

/**
 * A line named like the pending query (`+CREG:` while `AT+CREG?` waits) answers it, unless its
 * rule is `always` or its shape is not the answer's.
 */
function isURC(name: string, rest: string, rule: URCRule, pending: AttributedCommand | undefined): boolean {
  if (rule.kind === 'always') return true;
  const answersPending = pending !== undefined && pending.name === name && !pending.setForm;
  if (!answersPending) return true;
  return rule.responseShape !== undefined && !rule.responseShape.test(rest);
}

function urcFraming(rule: URCRule, args: readonly string[]): URCFraming {
  const rawLength = rule.rawLength?.(args);
  if (rawLength !== undefined && rawLength > 0 && rawLength <= MAX_RAW_LENGTH) return { kind: 'raw', length: rawLength };
  const secondLine = typeof rule.secondLine === 'function' ? rule.secondLine(args) : rule.secondLine === true;
  return secondLine ? { kind: 'second-line' } : { kind: 'whole' };
}

/**
 * Quectel buffer-mode reads answer `+QIRD: <len>` followed by <len> raw bytes (which may contain
 * CR/LF), so framing must switch to byte counting for them.
 */
function responseLineOf(line: string, pending: AttributedCommand | undefined): LineMeaning {
  const prefixed = splitPrefixedLine(line);
  if (prefixed?.name !== '+QIRD' || pending?.name !== '+QIRD') return { kind: 'line' };
  const length = Number(parseATArgs(prefixed.rest)[0]);
  return Number.isInteger(length) && length > 0 && length <= MAX_RAW_LENGTH ? { kind: 'line', rawLength: length } : { kind: 'line' };
}
