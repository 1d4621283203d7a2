/**
 * Unsolicited result codes (URCs): what one looks like once parsed, and the table that tells a URC
 * from a command's response line. Pure.
 */

/** A parsed unsolicited result code, as emitted on `ATEngine.urc$`. */
export interface URC {
  /** The prefix in upper case: `+CREG`, `+QIURC`, `^RSSI`, or the whole line for `RING`. */
  readonly name: string;
  /** The URC line exactly as received (trimmed). */
  readonly line: string;
  /** Arguments after the colon, split on commas, quotes removed (`parseATArgs`). */
  readonly args: readonly string[];
  /** The second line of two-line URCs: the PDU (or text) of `+CMT`, the PDU of `+CDS`. */
  readonly text?: string;
  /** Raw bytes that followed the line: Quectel push mode `+QIURC: "recv",<id>,<len>`. */
  readonly data?: Buffer;
}

/**
 * How the parser recognises one URC name.
 * - `always`: the line is a URC whatever command is pending (`+CMTI`, `+UUSORD`, `+QIURC`...).
 * - `unless-queried`: the line is the response of the pending command when that command has the same
 *   name and is not its set form (`+CREG: 2,1` answers `AT+CREG?`, but is a URC during `AT+CREG=2`
 *   or any other command). `responseShape`, when given, must also match the text after the colon.
 */
export interface URCRule {
  readonly kind: 'always' | 'unless-queried';
  /** For `unless-queried`: the shape a response has (the URC form differs). */
  readonly responseShape?: RegExp;
  /** True when the URC carries a second line (its PDU or text); may depend on the arguments. */
  readonly secondLine?: boolean | ((args: readonly string[]) => boolean);
  /** Number of raw bytes that follow the line, or undefined when none. */
  readonly rawLength?: (args: readonly string[]) => number | undefined;
}

/**
 * `+CREG: <n>,<stat>[,...]` answers a read; the URC is `+CREG: <stat>[,"<lac>",...]`. So a response
 * starts with two unquoted numbers, a URC with one number then a quoted value or nothing.
 */
const REGISTRATION_RESPONSE = /^\s*\d+\s*,\s*\d+/;

const always: URCRule = { kind: 'always' };
const unlessQueried: URCRule = { kind: 'unless-queried' };
const registration: URCRule = { kind: 'unless-queried', responseShape: REGISTRATION_RESPONSE };

/** Known URCs (27.007, 27.005, u-blox SARA, Quectel BG96/EC21, Huawei). Keys in upper case. */
export const KNOWN_URCS: Readonly<Record<string, URCRule>> = {
  // 3GPP registration, SMS, calls, USSD, packet domain.
  '+CREG': registration,
  '+CGREG': registration,
  '+CEREG': registration,
  '+CMTI': always,
  // `+CMT: [<alpha>],<length>` then the PDU line (PDU mode), or a header then the text (text mode).
  '+CMT': { kind: 'always', secondLine: true },
  // PDU mode: `+CDS: <length>` then the PDU line. Text mode: one line with many fields.
  '+CDS': { kind: 'always', secondLine: (args) => args.length === 1 && /^\d+$/.test(args[0]) },
  '+CDSI': always,
  '+CBM': { kind: 'always', secondLine: (args) => args.length === 1 && /^\d+$/.test(args[0]) },
  RING: always,
  '+CRING': always,
  '+CLIP': always,
  '+CUSD': unlessQueried,
  '+CGEV': always,
  '+CIEV': always,
  '+CPIN': unlessQueried,
  '+CTZV': unlessQueried,
  '+PACSP': always,
  '+CFUN': unlessQueried,
  // Quectel's boot indication (a whole line, like RING).
  RDY: always,
  // u-blox SARA.
  '+UUSORD': always,
  '+UUSORF': always,
  '+UUSOCL': always,
  '+UUSOLI': always,
  '+UUPSDD': always,
  '+UUPSDA': always,
  '+UULOC': always,
  '+UUSOST': always,
  '+UUHTTPCR': always,
  // Quectel: `+QIURC: "recv",<id>,<len>` (push mode) is followed by <len> raw bytes.
  '+QIURC': {
    kind: 'always',
    rawLength: (args) => (args[0] === 'recv' && args.length >= 3 && /^\d+$/.test(args[2]) ? Number(args[2]) : undefined),
  },
  '+QIOPEN': always,
  '+QIND': always,
  '+QUSIM': always,
  // Huawei status noise (no space after the colon on these).
  '^RSSI': unlessQueried,
  '^HCSQ': unlessQueried,
  '^BOOT': always,
  '^MODE': unlessQueried,
  '^SRVST': always,
  '^SIMST': always,
  '^DSFLOWRPT': always,
  '^CSNR': unlessQueried,
  '^RSSILVL': always,
  '^CEND': always,
  '^CONN': always,
  '^ORIG': always,
  '^STIN': always,
  '^SYSSTART': always,
};

/**
 * Rule for names absent from the table: Huawei-style `^NAME` lines are status noise unless they
 * answer the pending `AT^NAME...` command; unknown `+NAME` lines are response lines.
 */
export const UNKNOWN_CARET_RULE: URCRule = { kind: 'unless-queried' };
