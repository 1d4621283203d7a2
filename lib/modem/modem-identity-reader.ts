import { logger } from '../logging';
import { firstValueFrom } from '../rx';
import { plainLines } from './at/at-response';
import { parseIccid, queryValue } from './drivers/parse-query';
import type { ModemSession } from './modem-session';
import type { ModemIdentity } from './modem-status';
import { withoutUndefined } from './without-undefined';
import { UnexpectedModemResponseError } from './unexpected-modem-response-error';

const log = logger('modem');

/**
 * Who the modem and its SIM are (IMEI, ICCID, IMSI, make, model, firmware). Apart from `Modem`
 * because each read is a plain query with its own firmware quirks (prefixed or bare answers, the
 * driver's ICCID command), nothing to do with the modem's state. Works on one session: the
 * driver's commands, and the maker and model its init already read.
 */
export class ModemIdentityReader {
  constructor(private readonly session: ModemSession) {}

  /** IMEI (`AT+CGSN`). */
  imei(): Promise<string> {
    return this.readPlain('AT+CGSN');
  }

  /** ICCID of the SIM, without the filler `F` (driver's command: `+CCID`, `+QCCID`, `^ICCID`). */
  async iccid(): Promise<string> {
    const query = this.session.driver.iccid;
    const response = await firstValueFrom(this.session.engine.command$(query.command));
    const iccid = parseIccid(queryValue(response, query));
    if (!iccid) throw new UnexpectedModemResponseError(query.command, response.lines);
    return iccid;
  }

  /** IMSI (`AT+CIMI`). */
  imsi(): Promise<string> {
    return this.readPlain('AT+CIMI');
  }

  /** `AT+CGMI`, as read by the last init when there was one. */
  manufacturer(): Promise<string> {
    const known = this.session.identity.manufacturer;
    return known !== undefined ? Promise.resolve(known) : this.readPlain('AT+CGMI');
  }

  /** `AT+CGMM`, as read by the last init when there was one. */
  model(): Promise<string> {
    const known = this.session.identity.model;
    return known !== undefined ? Promise.resolve(known) : this.readPlain('AT+CGMM');
  }

  /** Firmware revision (`AT+CGMR`). */
  revision(): Promise<string> {
    return this.readPlain('AT+CGMR');
  }

  /** Everything about the modem and SIM; fields the modem cannot answer (no SIM) are left out. */
  async identity(): Promise<ModemIdentity> {
    const settle = <T>(promise: Promise<T>): Promise<T | undefined> =>
      promise.catch((error: unknown) => {
        log('identity read failed: %s', error instanceof Error ? error.message : error);
        return undefined;
      });
    const [manufacturer, model, revision, imei, iccid, imsi] = await Promise.all([
      settle(this.manufacturer()),
      settle(this.model()),
      settle(this.revision()),
      settle(this.imei()),
      settle(this.iccid()),
      settle(this.imsi()),
    ]);
    return withoutUndefined({ manufacturer, model, revision, imei, iccid, imsi });
  }

  /** The first plain line of the answer, or its prefixed value (some firmware prefixes it). */
  private async readPlain(command: string): Promise<string> {
    const response = await firstValueFrom(this.session.engine.command$(command));
    const value = plainLines(response).find((line) => line.trim() !== '') ?? queryValue(response, { command, prefix: commandPrefix(command) });
    if (value === undefined) throw new UnexpectedModemResponseError(command, response.lines);
    return value.trim();
  }
}

/** `AT+CGSN` → `+CGSN`. */
function commandPrefix(command: string): string {
  return command.replace(/^AT/i, '').replace(/[=?].*$/, '');
}
