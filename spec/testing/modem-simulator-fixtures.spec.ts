import { duplexPair } from '../../lib/testing/duplex-pair';
import { MODEM_PERSONALITIES, ModemSimulator, type ModemVendor } from '../../lib/testing/modem-simulator';
import { AtTerminal } from './at-terminal';
import type { AtFixture, Step } from './at-fixtures/fixture';
import { QUECTEL_FIXTURES } from './at-fixtures/quectel';
import { UBLOX_FIXTURES } from './at-fixtures/u-blox';

/** Runs each vendor's fixture table against every model it names. */
const TABLES: readonly [ModemVendor, readonly AtFixture[]][] = [
  ['u-blox', UBLOX_FIXTURES],
  ['quectel', QUECTEL_FIXTURES],
];

const opened: ModemSimulator[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((sim) => sim.close()));
});

const isCommand = (step: Step): step is readonly [string, string | RegExp] => Array.isArray(step);

async function runStep(sim: ModemSimulator, at: AtTerminal, step: Step): Promise<void> {
  if (isCommand(step)) {
    const [command, answer] = step;
    const got = await at.command(command);
    if (typeof answer === 'string') expect({ command, got }).toEqual({ command, got: answer });
    else expect({ command, got }).toEqual({ command, got: expect.stringMatching(answer) });
  } else if ('prompt' in step) {
    at.write(`${step.prompt}\r`);
    await at.waitFor('> ');
    at.write(Buffer.from(step.body, 'latin1'));
    const got = await at.waitFor(/\r\n(OK|ERROR|\+CM[ES] ERROR: [^\r]*)\r\n/);
    if (typeof step.answer === 'string') expect({ command: step.prompt, got }).toEqual({ command: step.prompt, got: step.answer });
    else expect(got).toMatch(step.answer);
  } else if ('urc' in step) {
    const got = await at.waitFor(/\r\n[^\r]+\r\n/);
    if (typeof step.urc === 'string') expect(got).toBe(step.urc);
    else expect(got).toMatch(step.urc);
  } else if ('act' in step) {
    step.act(sim);
  } else {
    await new Promise((resolve) => setTimeout(resolve, step.sleepMs));
  }
}

for (const [vendor, table] of TABLES) {
  const models = MODEM_PERSONALITIES.filter((p) => p.vendor === vendor).map((p) => p.model);
  describe(`ModemSimulator fixtures: ${vendor}`, () => {
    const rows = table.flatMap((fixture) => (fixture.models ?? models).map((model) => [model, fixture] as const));
    it.each(rows.map(([model, fixture]) => [`${model}: ${fixture.title}`, model, fixture] as const))('%s', async (_title, model, fixture) => {
      const [host, device] = duplexPair();
      const sim = new ModemSimulator({ vendor, model, ...fixture.options });
      opened.push(sim);
      sim.attach(device);
      const at = new AtTerminal(host);
      if (!fixture.echo) await at.command('ATE0');
      for (const step of fixture.steps) await runStep(sim, at, step);
    });
  });
}
