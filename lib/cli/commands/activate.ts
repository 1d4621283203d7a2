import type { APICredentials } from '../../api/api-credentials';
import type { HologramAPI, HologramAPIOptions } from '../../api/hologram-api';
import type { Plan, PlanZone } from '../../api/plan';
import { InvalidArgumentError } from '../../errors';
import type { CliOutput } from '../cli-command';
import { MODEM_CHOICE_OPTIONS, MODEM_CHOICE_USAGE, openChosenModem, resolveModemChoice, type ModemChoice } from '../modem-choice';
import { LinePrompter } from '../line-prompter';
import { parsePositive } from '../parse-positive';
import { parsedCommand } from '../parsed-command';
import { UsageError } from '../usage-error';

const OPTIONS = {
  apikey: { type: 'string' },
  username: { type: 'string' },
  sim: { type: 'string' },
  ...MODEM_CHOICE_OPTIONS,
  plan: { type: 'string' },
  zone: { type: 'string' },
  preview: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  wait: { type: 'string' },
  timeout: { type: 'string' },
  'base-url': { type: 'string' },
  'allow-insecure-http': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Between SIM state reads after the claim, as the Python CLI. */
const POLL_INTERVAL_MS = 5000;
const DEFAULT_WAIT_S = 120;

const USAGE = `Usage: hologram activate [options]

Activates this device's SIM on a Hologram plan through the REST API: reads the SIM's ICCID from the
modem (or --sim), asks for the API key (or username and password), lists the plans, asks for a plan
and a zone, shows the cost and asks to confirm, orders, then waits until the SIM is LIVE.
Each question is skipped when its option is given, so scripts can run it unattended.
Exit status: 0 activated (or priced, with --preview), 1 the API refused or failed, the order was
declined or the SIM is not LIVE within --wait, 2 bad usage or input.

Options:
  --apikey KEY          organisation API key (or set HOLOGRAM_API_KEY); without it: username and password
  --username NAME       dashboard username (the password is asked for, or set HOLOGRAM_PASSWORD)
  --sim ICCID           the SIM to activate (default: read from the modem)
${MODEM_CHOICE_USAGE}
  --plan ID             the plan id (see the list it prints)
  --zone ZONE           the plan's zone, e.g. global (asked only when the plan has several)
  --preview             show what the activation would cost, order nothing
  -y, --yes             order without asking to confirm
  --wait S              how long to wait for the SIM to be LIVE (default ${DEFAULT_WAIT_S}; 0: do not wait)
  --timeout S           per API call, every page and retry included (default 30)
  --base-url URL        the REST API (default https://dashboard.hologram.io/api/1)
  --allow-insecure-http allow a plain http --base-url to another machine (the key travels in clear)
  -h, --help            show this help

Examples:
  hologram activate
  hologram activate --apikey KEY --plan 10 --zone global --preview
  HOLOGRAM_API_KEY=KEY hologram activate --sim 8944500102198304826 --plan 1 --zone 1 --yes`;

export const command = parsedCommand('activate', USAGE, OPTIONS, async ({ values, positionals }, output) => {
  if (positionals.length > 0) throw new UsageError('activate', `unexpected argument ${JSON.stringify(positionals[0])}: activate takes options only`);
  if (values.apikey !== undefined && values.username !== undefined) throw new UsageError('activate', 'give either --apikey or --username, not both');
  if (values.sim !== undefined && (values.device !== undefined || values.imei !== undefined)) {
    throw new UsageError('activate', '--device and --imei choose the modem to read the ICCID from: give one of them or --sim, not both');
  }
  if (values.preview === true && values.yes === true) throw new UsageError('activate', '--preview orders nothing, so --yes has nothing to confirm');
  const planId = values.plan === undefined ? undefined : parsePlanId(values.plan);
  const waitS = values.wait === undefined ? DEFAULT_WAIT_S : parseWait(values.wait);
  const timeoutS = parsePositive('activate', 'timeout', values.timeout);
  const { checkICCID, HologramAPI } = await import('../../api/hologram-api');
  if (values.sim !== undefined) checkICCID(values.sim);
  const modemChoice = resolveModemChoice('activate', values);

  const prompter = new LinePrompter();
  try {
    const sim = values.sim ?? (await readICCID(modemChoice, output));
    const credentials = await askCredentials(values, prompter);
    const api = openAPI(HologramAPI, credentials, {
      baseURL: values['base-url'],
      timeoutMs: timeoutS === undefined ? undefined : timeoutS * 1000,
      allowInsecureHTTP: values['allow-insecure-http'] === true,
    });
    return await activate(api, { sim, planId, zone: values.zone, preview: values.preview === true, yes: values.yes === true, waitS }, prompter, output);
  } finally {
    prompter.close();
  }
});

/** The client for `options`; a plain-http base URL to another machine is a usage error naming the CLI's option. */
function openAPI(HologramAPI: typeof import('../../api/hologram-api').HologramAPI, credentials: APICredentials, options: HologramAPIOptions): HologramAPI {
  try {
    return new HologramAPI(credentials, options);
  } catch (error) {
    if (error instanceof InvalidArgumentError && error.argument === 'baseURL' && /allowInsecureHTTP/.test(error.message)) {
      throw new UsageError('activate', `--base-url is plain http to another machine: the API key would travel in clear. Use https, or pass --allow-insecure-http`);
    }
    throw error;
  }
}

interface Choices {
  readonly sim: string;
  readonly planId?: number;
  readonly zone?: string;
  readonly preview: boolean;
  readonly yes: boolean;
  readonly waitS: number;
}

async function activate(api: HologramAPI, choices: Choices, prompter: LinePrompter, output: CliOutput): Promise<number> {
  const { selectablePlans } = await import('../../api/plan');
  const plans = selectablePlans(await api.getPlans());
  if (plans.length === 0) throw new Error('the account offers no plan to activate a SIM on: see the Hologram dashboard');
  const plan = await choosePlan(plans, choices.planId, prompter, output);
  const zone = await chooseZone(plan, choices.zone, prompter, output);

  const quote = await api.activateSIM({ sim: choices.sim, plan: plan.id, zone: zone.id, preview: true });
  // The API prices a preview in order_data; when it does not, the plan's monthly fee is the price.
  const cost = quote.totalCost ?? zone.amount;
  const summary = `SIM #${choices.sim} on ${plan.name} (plan ${plan.id}) zone ${zone.id} for $${cost.toFixed(2)}${quote.totalCost === undefined ? ' a month' : ''}`;
  if (choices.preview) {
    output.out(`Preview: activating ${summary} (nothing ordered)`);
    return 0;
  }
  if (!choices.yes) {
    const answer = await prompter.ask(`Activate ${summary} (y/N)? `);
    if (answer === undefined) throw new UsageError('activate', 'no answer to the confirmation: answer y, or pass --yes');
    if (!/^y(es)?$/i.test(answer.trim())) {
      output.out('Not activated.');
      return 1;
    }
  }
  await api.activateSIM({ sim: choices.sim, plan: plan.id, zone: zone.id });
  output.out('Activating SIM... (this may take up to a few minutes)');
  if (choices.waitS === 0) {
    output.out(`Ordered; not waiting for the SIM to be LIVE (check with the dashboard)`);
    return 0;
  }
  const { pollSIMState } = await import('../../api/poll-sim-state');
  const { lastValueFrom } = await import('../../rx-extra');
  const state = await lastValueFrom(pollSIMState(() => api.getSIMState(choices.sim), { intervalMs: POLL_INTERVAL_MS, waitMs: choices.waitS * 1000 }), {
    defaultValue: undefined,
  });
  if (state === 'LIVE') {
    output.out(`Activation successful: SIM #${choices.sim} is LIVE`);
    return 0;
  }
  output.err(
    `hologram activate: ordered, but SIM #${choices.sim} is ${state ?? 'not yet listed'} after ${choices.waitS} s: ` +
      'check its status on the Hologram Dashboard (https://dashboard.hologram.io/) in a few minutes, or contact support@hologram.io',
  );
  return 1;
}

async function choosePlan(plans: readonly Plan[], planId: number | undefined, prompter: LinePrompter, output: CliOutput): Promise<Plan> {
  const ids = plans.map((plan) => plan.id).join(', ');
  if (planId !== undefined) {
    const plan = plans.find((candidate) => candidate.id === planId);
    if (plan === undefined) throw new InvalidArgumentError('plan', `plan ${planId} is not offered for activation: choose one of ${ids}`);
    return plan;
  }
  output.out('Available plans:');
  const width = Math.max(...plans.map((plan) => String(plan.id).length));
  for (const plan of plans) output.out(`  ${String(plan.id).padEnd(width)}  ${plan.name}`);
  return askChoice(prompter, output, {
    question: 'Choose the plan id for this device: ',
    find: (answer) => plans.find((candidate) => String(candidate.id) === answer),
    invalid: (answer) => `Error: ${JSON.stringify(answer)} is not one of the plan ids ${ids}`,
    unanswered: `no plan chosen: answer with a plan id, or pass --plan (one of ${ids})`,
  });
}

async function chooseZone(plan: Plan, zoneId: string | undefined, prompter: LinePrompter, output: CliOutput): Promise<PlanZone> {
  const ids = plan.zones.map((zone) => zone.id).join(', ');
  if (zoneId !== undefined) {
    const zone = plan.zones.find((candidate) => candidate.id === zoneId);
    if (zone === undefined) throw new InvalidArgumentError('zone', `plan ${plan.id} has no zone ${JSON.stringify(zoneId)}: choose one of ${ids}`);
    return zone;
  }
  output.out(`Zones of ${plan.name}:`);
  const width = Math.max(...plan.zones.map((zone) => zone.id.length));
  for (const zone of plan.zones) output.out(`  ${zone.id.padEnd(width)}  $${zone.amount.toFixed(2)} a month, $${zone.overage.toFixed(2)} per MB`);
  if (plan.zones.length === 1) return plan.zones[0];
  return askChoice(prompter, output, {
    question: 'Choose the zone for this device: ',
    find: (answer) => plan.zones.find((candidate) => candidate.id === answer),
    invalid: (answer) => `Error: ${JSON.stringify(answer)} is not one of the zones ${ids}`,
    unanswered: `no zone chosen: answer with a zone, or pass --zone (one of ${ids})`,
  });
}

/** Asks `question` until an answer is one `find` knows (as the Python CLI, which asks again); the end of input is a usage error. */
async function askChoice<T>(
  prompter: LinePrompter,
  output: CliOutput,
  choice: { question: string; find: (answer: string) => T | undefined; invalid: (answer: string) => string; unanswered: string },
): Promise<T> {
  for (;;) {
    const answer = await prompter.ask(choice.question);
    if (answer === undefined) throw new UsageError('activate', choice.unanswered);
    const found = choice.find(answer.trim());
    if (found !== undefined) return found;
    output.out(choice.invalid(answer.trim()));
  }
}

/** `--apikey`, `HOLOGRAM_API_KEY`, `--username` with `HOLOGRAM_PASSWORD` or a prompt, or prompts for all. */
async function askCredentials(values: { readonly apikey?: string; readonly username?: string }, prompter: LinePrompter): Promise<APICredentials> {
  const apiKey = values.apikey ?? (values.username === undefined ? process.env.HOLOGRAM_API_KEY : undefined);
  if (apiKey !== undefined && apiKey !== '') return { apiKey };
  let username = values.username;
  if (username === undefined) {
    const answer = await prompter.ask('Hologram API key (leave empty to use your username and password): ', { secret: true });
    if (answer === undefined) throw new UsageError('activate', 'no credentials: pass --apikey (or set HOLOGRAM_API_KEY), or answer the questions');
    if (answer.trim() !== '') return { apiKey: answer.trim() };
    username = await prompter.ask('Please enter your Hologram username: ');
    if (username === undefined || username.trim() === '') throw new UsageError('activate', 'no username given: pass --apikey, or --username');
  }
  const password = process.env.HOLOGRAM_PASSWORD ?? (await prompter.ask('Please enter your Hologram password: ', { secret: true }));
  if (password === undefined || password === '') throw new UsageError('activate', 'no password given: type it at the question, or set HOLOGRAM_PASSWORD');
  return { username: username.trim(), password };
}

/** The ICCID from the modem (`--device`, `--imei`, or the detected one), as the Python CLI does. */
async function readICCID(choice: ModemChoice, output: CliOutput): Promise<string> {
  const modem = await openChosenModem(choice);
  try {
    const iccid = await modem.iccid();
    output.out(`SIM: ${iccid} (read from the modem on ${modem.path})`);
    return iccid;
  } catch (error) {
    throw new Error(`cannot read the SIM's ICCID from the modem: ${error instanceof Error ? error.message : String(error)}; give it with --sim`, { cause: error });
  } finally {
    await modem.close();
  }
}

function parsePlanId(text: string): number {
  if (!/^[0-9]+$/.test(text.trim()) || Number(text) === 0) throw new UsageError('activate', `--plan must be a plan id (a positive whole number), got ${JSON.stringify(text)}`);
  return Number(text);
}

function parseWait(text: string): number {
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0) throw new UsageError('activate', `--wait must be a number of seconds (0 or more), got ${JSON.stringify(text)}`);
  return seconds;
}
