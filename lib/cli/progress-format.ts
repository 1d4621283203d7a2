/**
 * What a long wait is waiting for, as the CLI shows it on a terminal. Pure: the wording lives here,
 * the terminal writing in `progress-reporter.ts`.
 */
export type ProgressStatus =
  | { readonly kind: 'opening'; readonly device?: string }
  | { readonly kind: 'connecting'; readonly reason: string }
  | { readonly kind: 'draining'; readonly pending: number }
  | { readonly kind: 'waiting'; readonly what: string };

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/** The status line: a spinner frame, what is happening, and for how long (whole seconds). */
export function formatProgress(status: ProgressStatus, elapsedMs: number, frame: number): string {
  const spinner = SPINNER[((frame % SPINNER.length) + SPINNER.length) % SPINNER.length];
  const seconds = Math.max(0, Math.floor(elapsedMs / 1000));
  return `${spinner} ${describeProgress(status)} (${seconds} s)`;
}

export function describeProgress(status: ProgressStatus): string {
  switch (status.kind) {
    case 'opening':
      return status.device === undefined ? 'looking for the modem…' : `opening the modem on ${status.device}…`;
    case 'connecting':
      return `connecting: ${status.reason}…`;
    case 'draining':
      return `sending ${status.pending} buffered message${status.pending === 1 ? '' : 's'}…`;
    case 'waiting':
      return `${status.what}…`;
  }
}
