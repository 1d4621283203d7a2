import { chatAbortReason } from './chat-script';

/** What one line of pppd's (or chat's) output means for the link. */
export type PppdOutputEvent =
  /** pppd picked the network interface (`Using interface ppp0`). */
  | { readonly kind: 'interface'; readonly interface: string }
  /** The connect script succeeded; PPP negotiation starts. */
  | { readonly kind: 'serial-connected' }
  /** `Connect: ppp0 <--> /dev/ttyUSB0`. */
  | { readonly kind: 'connect'; readonly interface: string; readonly device: string }
  | { readonly kind: 'local-ip'; readonly address: string }
  | { readonly kind: 'remote-ip'; readonly address: string }
  | { readonly kind: 'dns'; readonly order: 'primary' | 'secondary'; readonly address: string }
  /** A line that announces how pppd is about to fail, with the exit code that will follow. */
  | { readonly kind: 'failure'; readonly exitCode: number; readonly detail: string }
  /** Why the connect script (chat) failed, in the modem's words. */
  | { readonly kind: 'chat-failed'; readonly detail: string }
  /** The established link went down. */
  | { readonly kind: 'link-down'; readonly detail: string }
  | { readonly kind: 'terminating'; readonly signal: number }
  | { readonly kind: 'statistics'; readonly sentBytes: number; readonly receivedBytes: number };

/** Syslog-style prefixes (`pppd[123]: `, `chat[45]: `) and the `pppd: ` of option errors. */
const PREFIX = /^(?:.*?\b(?:pppd|chat)\[\d+\]:\s*|pppd:\s+)/;
const IPV4 = '(\\d{1,3}(?:\\.\\d{1,3}){3})';

type Rule = readonly [RegExp, (match: RegExpMatchArray, line: string) => PppdOutputEvent];

/** One rule per line pppd 2.4/2.5 and chat print that matters; the first match wins. */
const RULES: readonly Rule[] = [
  [/^Using interface (\S+)/, (m) => ({ kind: 'interface', interface: m[1]! })],
  [/^Serial connection established/, () => ({ kind: 'serial-connected' })],
  [/^Connect: (\S+) <--> (\S+)/, (m) => ({ kind: 'connect', interface: m[1]!, device: m[2]! })],
  [new RegExp(`^local\\s+IP address ${IPV4}`), (m) => ({ kind: 'local-ip', address: m[1]! })],
  [new RegExp(`^remote\\s+IP address ${IPV4}`), (m) => ({ kind: 'remote-ip', address: m[1]! })],
  [new RegExp(`^(primary|secondary)\\s+DNS address ${IPV4}`), (m) => ({ kind: 'dns', order: m[1] as 'primary' | 'secondary', address: m[2]! })],
  [/^Connect script failed/, () => ({ kind: 'failure', exitCode: 8, detail: 'the connect script failed' })],
  [/^Init script failed/, () => ({ kind: 'failure', exitCode: 18, detail: 'the init script failed' })],
  [/lacks (?:PPP )?kernel support(?: for PPP)?/, () => ({ kind: 'failure', exitCode: 4, detail: 'this kernel has no PPP support (try modprobe ppp_generic)' })],
  [/^Couldn't open the \/dev\/ppp device: (.+)/, (m) => ({ kind: 'failure', exitCode: 4, detail: `cannot open /dev/ppp: ${m[1]}` })],
  [/must be root to run/, () => ({ kind: 'failure', exitCode: 3, detail: 'pppd must run as root' })],
  [/^Device (\S+) is locked by pid (\d+)/, (m) => ({ kind: 'failure', exitCode: 6, detail: `${m[1]} is locked by pid ${m[2]}` })],
  [/^Failed to open (\S+): (.+)/, (m) => ({ kind: 'failure', exitCode: 7, detail: `cannot open ${m[1]}: ${m[2]}` })],
  [/^(?:In file .+: )?unrecognized option '(.+)'/, (m) => ({ kind: 'failure', exitCode: 2, detail: `unrecognized option '${m[1]}'` })],
  [/^(LCP|IPCP): timeout sending Config-Requests/, (m) => ({ kind: 'failure', exitCode: 10, detail: `${m[1]} negotiation timed out` })],
  [/^Failed \((.+)\)$/, (m) => ({ kind: 'chat-failed', detail: `the modem answered ${m[1]}` })],
  [/^alarm$/, () => ({ kind: 'chat-failed', detail: 'the modem did not answer in time (chat timeout)' })],
  [
    /^Script .*\bchat\b.* finished \(pid \d+\), status = 0x([0-9a-fA-F]+)/,
    (m) => ({ kind: 'chat-failed', detail: chatAbortReason(Number.parseInt(m[1]!, 16)) }),
  ],
  [/^Modem hangup/, () => ({ kind: 'link-down', detail: 'the modem hung up' })],
  [/^No response to (\d+) echo-requests/, (m) => ({ kind: 'link-down', detail: `the peer did not answer ${m[1]} echo requests` })],
  [/^Serial link appears to be disconnected/, () => ({ kind: 'link-down', detail: 'the serial link appears to be disconnected' })],
  [/^Connection terminated/, () => ({ kind: 'link-down', detail: 'the connection was terminated' })],
  [/^Terminating on signal (\d+)/, (m) => ({ kind: 'terminating', signal: Number(m[1]) })],
  [/^Sent (\d+) bytes, received (\d+) bytes/, (m) => ({ kind: 'statistics', sentBytes: Number(m[1]), receivedBytes: Number(m[2]) })],
];

/** Parses one output line; lines that do not matter (LCP packet dumps, chat echo) give undefined. */
export function parsePppdLine(rawLine: string): PppdOutputEvent | undefined {
  const line = rawLine.trim().replace(PREFIX, '');
  for (const [pattern, toEvent] of RULES) {
    const match = line.match(pattern);
    if (match !== null) {
      // A chat script that finished with status 0 is no failure.
      if (/^Script .* finished/.test(line) && Number.parseInt(match[1]!, 16) === 0) return undefined;
      return toEvent(match, line);
    }
  }
  return undefined;
}
