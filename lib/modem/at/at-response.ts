import { parseATArgs, splitPrefixedLine } from './at-args';

/** The successful outcome of one AT command. */
export interface ATResponse {
  /** The command as shown in logs (sensitive commands are shortened to their name). */
  readonly command: string;
  /** Information lines in order, without echo, URCs or the final result (`['+CSQ: 17,99']`). */
  readonly lines: readonly string[];
  /** The final result line: `OK`, `SEND OK`, `CONNECT 150000000`. */
  readonly final: string;
  /** Raw bytes attached to response lines (Quectel `+QIRD: <len>` reads), concatenated; else undefined. */
  readonly data?: Buffer;
}

/**
 * Arguments of every response line with the given prefix: for `+CSQ: 17,99`,
 * `responseArgs(r, '+CSQ')` → `[['17', '99']]`. The prefix is matched case-insensitively.
 */
export function responseArgs(response: ATResponse, prefix: string): string[][] {
  const wanted = prefix.toUpperCase();
  const result: string[][] = [];
  for (const line of response.lines) {
    const split = splitPrefixedLine(line);
    if (split?.name === wanted) result.push(parseATArgs(split.rest));
  }
  return result;
}

/** Lines without a `+NAME:` prefix (`AT+CGSN` → `['352753090041680']`). */
export function plainLines(response: ATResponse): string[] {
  return response.lines.filter((line) => splitPrefixedLine(line) === undefined);
}
