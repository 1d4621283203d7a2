import { logger } from '../logging';
import { firstValueFrom } from '../rx';
import { commandName } from './at/at-args';
import { answerValue, IMEI_ANSWER, IMSI_ANSWER, type ATValueShape } from './at/answer-shape';
import { parseICCID } from './drivers/parse-query';
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
  readonly #session: ModemSession;

  constructor(session: ModemSession) {
    this.#session = session;
  }

  /** IMEI (`AT+CGSN`). */
  imei(): Promise<string> {
    return this.#read('AT+CGSN', IMEI_ANSWER);
  }

  /** ICCID of the SIM, without the filler `F` (driver's command: `+CCID`, `+QCCID`, `^ICCID`). */
  async iccid(): Promise<string> {
    const query = this.#session.driver.iccid;
    const iccid = parseICCID(await this.#read(query.command, { kind: 'value', pattern: ICCID_VALUE, prefix: query.prefix }));
    if (!iccid) throw new UnexpectedModemResponseError(query.command, []);
    return iccid;
  }

  /** IMSI (`AT+CIMI`). */
  imsi(): Promise<string> {
    return this.#read('AT+CIMI', IMSI_ANSWER);
  }

  /** `AT+CGMI`, as read by the last init when there was one. */
  manufacturer(): Promise<string> {
    const known = this.#session.identity.manufacturer;
    return known !== undefined ? Promise.resolve(known) : this.#readPlain('AT+CGMI');
  }

  /** `AT+CGMM`, as read by the last init when there was one. */
  model(): Promise<string> {
    const known = this.#session.identity.model;
    return known !== undefined ? Promise.resolve(known) : this.#readPlain('AT+CGMM');
  }

  /** Firmware revision (`AT+CGMR`). */
  revision(): Promise<string> {
    return this.#readPlain('AT+CGMR', /\S/);
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

  /**
   * Free text (make, model, firmware): one line, bare or after the command's prefix. Makes and
   * models have letters, which a digits-only noise line has not.
   */
  #readPlain(command: string, pattern = /[A-Za-z]/): Promise<string> {
    return this.#read(command, { kind: 'value', pattern, prefix: commandName(command) });
  }

  /**
   * The one value of `command`'s answer. The engine checks the shape, so a stray `OK` or another
   * command's answer fails as `UnexpectedModemResponseError` rather than being read as the value.
   */
  async #read(command: string, shape: ATValueShape): Promise<string> {
    const response = await firstValueFrom(this.#session.engine.command$(command, { expect: shape }));
    const value = answerValue(shape, response.lines);
    if (value === undefined) throw new UnexpectedModemResponseError(command, response.lines);
    return value;
  }
}

/** An ICCID as SIMs print it: 18 to 22 digits, an odd count padded with `F`, maybe quoted or spaced. */
const ICCID_VALUE = /^"?[\d ]{18,24}[Ff]*"?$/;
