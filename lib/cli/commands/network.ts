import type { Modem } from '../../modem/modem';
import { modemEngine } from '../../modem/modem-engine';
import type { ModemStatus } from '../../modem/modem-status';
import type { CellularNetwork } from '../../network/cellular/cellular-network';
import type { NetworkState } from '../../network/network-state';
import type { CliOutput } from '../cli-command';
import { MODEM_CHOICE_USAGE } from '../modem-choice';
import { NETWORK_OPTIONS, openCellularNetwork, resolveNetworkArguments, waitConnected, type NetworkChoice } from '../network-arguments';
import { parsePositive } from '../parse-positive';
import type { ParsedArguments } from '../parse-arguments';
import { parsedCommand } from '../parsed-command';
import { ProgressReporter } from '../progress-reporter';
import { untilStopped } from '../until-stopped';
import { UsageError } from '../usage-error';

const OPTIONS = {
  ...NETWORK_OPTIONS,
  watch: { type: 'boolean' },
  interval: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: hologram network <connect | disconnect | status> [options]

The modem's cellular data connection.
  connect      brings the data connection up and prints how (AT sockets and the address, or PPP).
               Over AT sockets the modem keeps the connection after the command ends. Over PPP
               the link lasts while the command runs: it stays in the foreground until Ctrl-C.
               With --watch it stays and prints every change (reconnecting on its own).
  disconnect   takes the modem's data context down (AT sockets). A PPP link is ended by stopping
               the hologram network connect that holds it.
  status       registration, operator, signal and whether the data context is active;
               --watch prints every change until Ctrl-C.
Exit status: 0 done, 1 the modem failed or the connection did not come up in time, 2 bad usage.

${MODEM_CHOICE_USAGE}
  --apn APN                access point name (default hologram)
  --connect-timeout S      connect: how long to wait (default 120)
  --watch                  connect/status: stay and print changes until Ctrl-C
  --interval S             status --watch: seconds between data context checks (default 5)
  --json                   one JSON object per line
  -h, --help               show this help

Examples:
  hologram network connect --device /dev/ttyUSB2
  hologram network connect --imei 866425030000033
  hologram network status --watch --json`;

type Values = ParsedArguments<typeof OPTIONS>['values'];

interface Context {
  readonly values: Values;
  readonly choice: NetworkChoice;
  readonly output: CliOutput;
  readonly progress: ProgressReporter;
}

const ACTIONS: Readonly<Record<string, (context: Context) => Promise<number>>> = { connect, disconnect, status };

export const command = parsedCommand('network', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError('network', `no action given: use one of ${Object.keys(ACTIONS).join(', ')}`);
  const action = Object.prototype.hasOwnProperty.call(ACTIONS, name) ? ACTIONS[name] : undefined;
  if (action === undefined) throw new UsageError('network', `unknown action ${JSON.stringify(name)}: use one of ${Object.keys(ACTIONS).join(', ')}`);
  if (extra.length > 0) throw new UsageError('network', `unexpected argument ${JSON.stringify(extra[0])}`);
  if (values.network !== undefined && values.network !== 'cellular') {
    throw new UsageError('network', '--network: this command drives the cellular modem; leave --network out');
  }
  if (values.watch === true && name === 'disconnect') throw new UsageError('network', '--watch goes with connect and status');
  if (values.interval !== undefined && !(name === 'status' && values.watch === true)) throw new UsageError('network', '--interval goes with status --watch');
  parsePositive('network', 'interval', values.interval);
  const choice = { ...resolveNetworkArguments('network', { ...values, network: 'cellular' }), cellular: true };
  return action({ values, choice, output, progress: ProgressReporter.forTerminal(values.json === true) });
});

async function connect({ values, choice, output, progress }: Context): Promise<number> {
  const json = values.json === true;
  const network = await openCellularNetwork(choice, progress);
  try {
    await waitConnected(network, choice, progress);
    output.out(describeState(network, network.state, json));
    if (values.watch !== true && network.dataMode !== 'ppp') return 0;
    if (!json) output.err(network.dataMode === 'ppp' ? 'PPP link up while this runs; Ctrl-C to end it' : 'Watching; Ctrl-C to stop');
    const stop = untilStopped();
    const subscription = network.state$.subscribe((state) => output.out(describeState(network, state, json)));
    await stop.stopped;
    subscription.unsubscribe();
    return 0;
  } finally {
    await network.close();
  }
}

async function disconnect({ values, choice, output, progress }: Context): Promise<number> {
  const json = values.json === true;
  const network = await openCellularNetwork(choice, progress, false);
  try {
    const modem = network.modem as Modem;
    const { resolveCellularMode, pdpFlavour } = await import('../../network/cellular/cellular-mode');
    if (resolveCellularMode('auto', modem.driver) === 'ppp') {
      output.err(`hologram network: ${modem.driver.description} connects over PPP: end the link by stopping the hologram network connect that holds it (Ctrl-C)`);
      return 1;
    }
    const { PDPContext } = await import('../../modem/sockets/pdp-context');
    const { firstValueFrom } = await import('../../rx');
    const context = new PDPContext(modemEngine(modem), pdpFlavour(modem.driver));
    try {
      const wasActive = await firstValueFrom(context.isActive$());
      if (wasActive) await firstValueFrom(context.deactivate$(), { defaultValue: undefined });
      output.out(json ? JSON.stringify({ disconnected: true, wasActive }) : wasActive ? 'data context deactivated' : 'data context was not active');
    } finally {
      await context.close();
    }
    return 0;
  } finally {
    await network.close();
  }
}

async function status({ values, choice, output, progress }: Context): Promise<number> {
  const json = values.json === true;
  const network = await openCellularNetwork(choice, progress, false);
  const modem = network.modem as Modem;
  try {
    const rx = { ...(await import('../../rx')), ...(await import('../../rx-extra')) };
    const data = await dataContext(modem);
    const read = async () => {
      const signal = await rx.firstValueFrom(modem.readSignal$()).catch(() => undefined);
      const operator = modem.registration?.registered ? await rx.firstValueFrom(modem.readOperator$()).catch(() => undefined) : undefined;
      return { state: modem.state, registration: modem.registration, signal, operator } as ModemStatus;
    };
    const first = await read();
    output.out(describeStatus(modem, first, await data.active(), json));
    if (values.watch !== true) return 0;
    const intervalMs = (values.interval === undefined ? 5 : Number(values.interval)) * 1000;
    const { longTimer } = await import('../../operators/long-timer'); // any --interval works
    const stop = untilStopped();
    const subscription = rx
      .combineLatest([modem.status$, longTimer(0, intervalMs).pipe(rx.exhaustMap(() => rx.from(data.active())))])
      .pipe(
        rx.map(([current, active]) => describeStatus(modem, current, active, json)),
        rx.distinctUntilChanged(),
        rx.skip(1),
      )
      .subscribe((line) => output.out(line));
    await stop.stopped;
    subscription.unsubscribe();
    await data.close();
    return 0;
  } finally {
    await network.close();
  }
}

/** Whether the modem's data context is up: asked over AT for socket modems; unknown for PPP-only ones. */
async function dataContext(modem: Modem): Promise<{ active(): Promise<boolean | undefined>; close(): Promise<void> }> {
  if (modem.driver.sockets === undefined) return { active: async () => undefined, close: async () => undefined };
  const [{ PDPContext }, { pdpFlavour }, { firstValueFrom }] = await Promise.all([
    import('../../modem/sockets/pdp-context'),
    import('../../network/cellular/cellular-mode'),
    import('../../rx'),
  ]);
  const context = new PDPContext(modemEngine(modem), pdpFlavour(modem.driver));
  return { active: () => firstValueFrom(context.isActive$()).catch(() => undefined), close: () => context.close() };
}

function describeState(network: CellularNetwork, state: NetworkState, json: boolean): string {
  if (json) return JSON.stringify({ state: state.kind, ...(state.kind === 'connected' ? { detail: state.detail } : { reason: state.reason }), mode: network.dataMode ?? null });
  return state.kind === 'connected' ? `connected: ${state.detail ?? network.dataMode}` : `${state.kind}: ${state.reason}`;
}

function describeStatus(modem: Modem, status: ModemStatus, dataActive: boolean | undefined, json: boolean): string {
  const registration = status.registration;
  const signal = status.signal;
  if (json) {
    return JSON.stringify({
      device: modem.path,
      driver: modem.driver.name,
      modem: status.state,
      registration: registration?.state ?? null,
      registered: registration?.registered ?? false,
      operator: status.operator?.name ?? null,
      signalDbm: signal?.rssiDbm ?? null,
      dataContext: dataActive === undefined ? null : dataActive ? 'active' : 'inactive',
    });
  }
  const data = dataActive === undefined ? 'data: unknown (PPP modem)' : `data context ${dataActive ? 'active' : 'inactive'}`;
  const dbm = signal?.rssiDbm === undefined ? 'signal -' : `signal ${signal.rssiDbm} dBm`;
  return `${registration?.state ?? 'not registered'}${status.operator ? ` on ${status.operator.name}` : ''}, ${dbm}, ${data}`;
}
