import { InvalidArgumentError } from '../../errors';
import { describeValue } from '../../options/describe-value';
import { checkCount } from '../../validation/count';

export interface PppdArgumentsOptions {
  /** The modem's data port, e.g. `/dev/ttyUSB0`. */
  readonly device: string;
  /** Serial speed (default 115200; USB modems ignore it but pppd wants one). */
  readonly baudRate?: number;
  /** Path of the chat script file (written by `PPPLink`). */
  readonly chatScriptPath: string;
  /** The chat program (default `chat`). */
  readonly chatPath?: string;
  /**
   * Let pppd redial by itself after the link drops (default false). Off by default so a drop ends
   * the process with an exit code saying why, and the network layer decides when to retry, with
   * backoff; with `persist`, a drop is only visible in the output.
   */
  readonly persist?: boolean;
  /** Add a default route through the link if the host has none (default true). */
  readonly defaultRoute?: boolean;
  /** Ask the peer for DNS servers (default true). */
  readonly usePeerDNS?: boolean;
  /**
   * Seconds between LCP echo requests and how many may go unanswered before pppd declares the
   * link dead (exit 15). Default 30 s and 4: a link that silently died is noticed in about 2 min.
   */
  readonly lcpEchoIntervalSeconds?: number;
  readonly lcpEchoFailures?: number;
}

/** Paths pppd hands to `/bin/sh -c`: no spaces or shell metacharacters. */
const SAFE_PATH = /^[A-Za-z0-9_./+-]+$/;

function checkPath(argument: string, value: unknown): string {
  if (typeof value !== 'string' || !SAFE_PATH.test(value)) {
    throw new InvalidArgumentError(argument, `${argument} must be a path of letters, digits and _./+- only, got ${describeValue(value)}`);
  }
  return value;
}

/**
 * pppd's command line (PROTOCOL.md §3): the device and speed, the chat script as connect command,
 * `nodetach` so pppd stays our child and logs to its stdout, `noipdefault` so the peer assigns the
 * address, `noauth` because the network does not authenticate itself to us.
 */
export function buildPppdArguments(options: PppdArgumentsOptions): string[] {
  const device = checkPath('device', options.device);
  if (!device.startsWith('/dev/')) {
    throw new InvalidArgumentError('device', `device must be a path under /dev/, got ${describeValue(device)}`);
  }
  const chatScriptPath = checkPath('chatScriptPath', options.chatScriptPath);
  const chatPath = checkPath('chatPath', options.chatPath ?? 'chat');
  const baudRate = checkCount('baudRate', options.baudRate ?? 115200);
  const echoInterval = checkCount('lcpEchoIntervalSeconds', options.lcpEchoIntervalSeconds ?? 30);
  const echoFailures = checkCount('lcpEchoFailures', options.lcpEchoFailures ?? 4);

  return [
    device,
    String(baudRate),
    'connect',
    // -s: chat logs to stderr, which pppd (nodetach) passes to its own output, where it is parsed.
    `${chatPath} -v -s -f ${chatScriptPath}`,
    'noipdefault',
    ...(options.usePeerDNS === false ? [] : ['usepeerdns']),
    ...(options.defaultRoute === false ? [] : ['defaultroute']),
    ...(options.persist === true ? ['persist'] : []),
    'noauth',
    'nodetach',
    'lcp-echo-interval',
    String(echoInterval),
    'lcp-echo-failure',
    String(echoFailures),
  ];
}
