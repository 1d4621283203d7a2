import { splitPrefixedLine } from '../at/at-args';
import type { ATResponse } from '../at/at-response';
import type { QueryCommand } from './modem-driver';

/**
 * The value a query answered: the text after `<prefix>:` (quotes removed), or the first bare line
 * when the query has no prefix. Undefined when the response holds neither.
 */
export function queryValue(response: ATResponse, query: QueryCommand): string | undefined {
  for (const line of response.lines) {
    const split = splitPrefixedLine(line);
    if (query.prefix === undefined) {
      if (split === undefined && line.trim() !== '') return line.trim();
    } else if (split?.name === query.prefix.toUpperCase()) {
      return split.rest.trim().replace(/^"(.*)"$/, '$1');
    }
  }
  // Some firmware prints the ICCID as a bare line even for `AT+CCID`.
  if (query.prefix !== undefined) {
    const bare = response.lines.find((line) => splitPrefixedLine(line) === undefined && line.trim() !== '');
    return bare?.trim();
  }
  return undefined;
}

/**
 * An ICCID as the SIM reports it, cleaned: quotes and spaces removed, the filler `F` that pads an
 * odd digit count dropped. Undefined unless 18..22 digits remain.
 */
export function parseICCID(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.replace(/["\s]/g, '').replace(/[Ff]+$/, '');
  return /^\d{18,22}$/.test(cleaned) ? cleaned : undefined;
}
