import type { SendResult } from '../cloud/send-result';

/** Where the messages went, to name it in a hint. */
export interface HintContext {
  /** `host:port` the messages went to. */
  readonly address: string;
}

/**
 * What to do about one undelivered result, in the CLI's words: the fix depends on why it failed
 * (nothing listening, no reply, a refused key, a bad topic...), not on a generic "No reply".
 */
export function failureHint(result: SendResult, context: HintContext): string {
  switch (result.failure) {
    case 'refused':
      return `nothing accepts connections at ${context.address}: check --host and --port, and that the server runs`;
    case 'unreachable':
      return `${context.address} cannot be reached: check --host and this device's network`;
    case 'timeout':
      return `no reply from ${context.address} in time: check the network, raise --timeout, or send again with --retries`;
    case 'reset':
    case 'failed':
      return `the connection to ${context.address} failed: send again (or use --retries)`;
    default:
      break;
  }
  switch (result.name) {
    case 'ERR_AUTHINVALID':
      return 'the cloud refused the device key: check --devicekey (or cloud_id and cloud_key) against the device page of the dashboard';
    case 'ERR_TOPICINVALID':
      return 'the cloud refused a topic: use letters, digits, -, _ and / (under 32 characters) in --topic';
    case 'ERR_INTERNAL':
      return 'the cloud had an internal error: send again later (or use --retries)';
    case 'ERR_PROTINVALID':
    case 'ERR_MSGINVALID':
    case 'ERR_PAYLOADINVALID':
    case 'ERR_METADATA':
      return `the server at ${context.address} could not read the message: is it the Hologram cloud (or an emulator) and not another server?`;
    default:
      return `no answer the cloud understood from ${context.address}: check --host and --port, then send again (or use --retries)`;
  }
}

/** The distinct hints for a set of undelivered results, in the order they first occur. */
export function failureHints(results: readonly SendResult[], context: HintContext): string[] {
  return [...new Set(results.filter((result) => !result.ok).map((result) => failureHint(result, context)))];
}
