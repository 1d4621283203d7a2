import { Credentials } from '../cloud/credentials';
import type { MessageModeName } from '../cloud/message-mode';
import { Hologram } from '../hologram';
import type { BackoffOptions } from '../operators/backoff-options';
import type { Network } from '../network/network';
import type { CliOutput } from './cli-command';
import type { CloudArguments } from './cloud-arguments';
import { openCellularNetwork, waitConnected, type NetworkChoice } from './network-arguments';
import type { ProgressReporter } from './progress-reporter';

export interface SendSessionOptions {
  readonly cloud: CloudArguments;
  readonly choice: NetworkChoice;
  readonly progress: ProgressReporter;
  readonly mode: MessageModeName;
  readonly maxAttempts?: number;
  readonly backoff?: Partial<BackoffOptions>;
}

/** A `Hologram` for a sending command, on the host's connection or the modem's. */
export interface SendSession {
  readonly hologram: Hologram;
  /** The cellular network, with `--network cellular`. */
  readonly network?: Network;
  /** `output` with the progress line erased before each printed line. */
  wrap(output: CliOutput): CliOutput;
  /** Closes the facade, then the network (and the modem it opened). */
  close(): Promise<void>;
}

/**
 * Builds the facade for `send` / `heartbeat`: with `--network cellular` it opens the modem and waits
 * for the data connection first (progress: opening, connecting), then keeps a progress line while
 * messages wait (`connecting: <reason>` while the link is down, `sending N buffered messages` while
 * a backlog drains). On the host's connection nothing heavy is loaded.
 */
export async function sendSession(options: SendSessionOptions): Promise<SendSession> {
  const { cloud, choice, progress } = options;
  const network = choice.cellular ? await openCellularNetwork(choice, progress) : undefined;
  let hologram: Hologram;
  try {
    if (network !== undefined) await waitConnected(network, choice, progress);
    hologram = new Hologram(cloud.credentials ?? new Credentials(), {
      messageMode: options.mode,
      network,
      sendHost: cloud.host,
      sendPort: cloud.port,
      connectTimeoutMs: cloud.timeoutMs,
      replyTimeoutMs: cloud.timeoutMs,
      maxAttempts: options.maxAttempts,
      backoff: options.backoff,
    });
  } catch (error) {
    await network?.close();
    throw error;
  }
  const watch = progress.enabled
    ? hologram.outbox.stats$.subscribe((stats) => {
        const state = hologram.network.state;
        if (state.kind !== 'connected' && stats.pendingCount > 0) progress.show({ kind: 'connecting', reason: state.reason });
        else if (stats.pendingCount > 1) progress.show({ kind: 'draining', pending: stats.pendingCount });
        else progress.clear();
      })
    : undefined;
  return {
    hologram,
    network,
    wrap: (output) => ({
      out: (line) => {
        progress.clear();
        output.out(line);
      },
      err: (line) => {
        progress.clear();
        output.err(line);
      },
    }),
    close: async () => {
      watch?.unsubscribe();
      progress.clear();
      await hologram.close();
      await network?.close();
    },
  };
}
