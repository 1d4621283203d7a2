import { ATEngine, type ATCommandOptions } from '../../../lib/modem/at/at-engine';
import { IMEI_ANSWER, IMSI_ANSWER } from '../../../lib/modem/at/answer-shape';
import type { ATResponse } from '../../../lib/modem/at/at-response';
import { SerialPortConnection } from '../../../lib/modem/serial-port-connection';
import { UnexpectedModemResponseError } from '../../../lib/modem/unexpected-modem-response-error';
import { ModemSimulator } from '../../../lib/testing/modem-simulator';
import { openPtyPair, type PtyPair } from '../../../lib/testing/pty-pair';

/** The commands of the run, with the shape each one's answer must have. */
const COMMANDS: ReadonlyArray<readonly [string, ATCommandOptions]> = [
  ['AT+CGSN', { expect: IMEI_ANSWER }],
  ['AT+CIMI', { expect: IMSI_ANSWER }],
  ['AT+CSQ', { expect: { kind: 'prefixed', prefix: '+CSQ' } }],
  ['AT+CREG?', { expect: { kind: 'prefixed', prefix: '+CREG' } }],
  ['AT+CGMI', { expect: { kind: 'value', pattern: /[A-Za-z]/ } }],
  ['AT+CGMM', { expect: { kind: 'value', pattern: /[A-Za-z]/ } }],
  ['AT+CMEE=2', { expect: { kind: 'none' } }],
];

/** What a noisy line can inject: stray final result codes, and a digits-only noise line. */
const STRAYS = ['\r\nOK\r\n', '\r\nERROR\r\n', '\r\n12345\r\n'];

/**
 * Stray final result codes and noise lines over a REAL pty with the REAL serialport binding, the
 * simulator on the far end with echo off (so no answer says which command it belongs to): no
 * command may resolve with another command's answer, and the strays cost only commands that
 * fail with a typed error.
 */
describe('ATEngine with stray result codes over a pty', () => {
  let pair: PtyPair;
  let simulator: ModemSimulator;
  let connection: SerialPortConnection;
  let engine: ATEngine;

  beforeEach(async () => {
    pair = await openPtyPair();
    simulator = new ModemSimulator({ vendor: 'u-blox', model: 'R410' });
    simulator.attach(pair.stream);
    connection = new SerialPortConnection({ path: pair.path, pollIntervalMs: 50 });
    engine = new ATEngine(undefined, { resync: { probeTimeoutMs: 500, quietMs: 30 } });
    connection.port$.subscribe((port) => engine.attach(port));
    await connection.open();
    await engine.command('ATE0', { retry: false });
  });

  afterEach(async () => {
    await engine.close();
    await connection.close();
    await simulator.close();
    await pair.close();
  });

  it('a noise line while imei() waits is not the IMEI', async () => {
    const truth = await engine.command('AT+CGSN', { expect: IMEI_ANSWER });
    const answer = engine.command('AT+CGSN', { expect: IMEI_ANSWER });
    simulator.injectGarbage('\r\n12345\r\n');
    const response = await answer;
    expect(response.lines.filter((line) => IMEI_ANSWER.pattern.test(line))).toEqual(truth.lines);
  });

  it('a stray OK costs at most the command it hit: 200 back-to-back commands, none gets another one\'s answer', async () => {
    // The truth: each command's answer on a quiet line.
    const truth = new Map<string, readonly string[]>();
    for (const [command, options] of COMMANDS) truth.set(command, (await engine.command(command, options)).lines);

    const strays: string[] = [];
    let injecting = true;
    const inject = async (): Promise<void> => {
      while (injecting) {
        await new Promise((resolve) => setTimeout(resolve, 10 + Math.floor(Math.random() * 30)));
        if (!injecting) return;
        const stray = STRAYS[strays.length % STRAYS.length];
        strays.push(stray);
        simulator.injectGarbage(stray);
      }
    };
    const injector = inject();
    // And on every fifth command the modem receives, a stray written before its answer: the
    // worst moment, when it is taken as the answer of the command in flight.
    let received = 0;
    const onCommand = simulator.commands$.subscribe(() => {
      if (!injecting || ++received % 5 !== 0) return;
      const stray = STRAYS[strays.length % STRAYS.length];
      strays.push(stray);
      simulator.injectGarbage(stray);
    });
    const runs = Array.from({ length: 200 }, (_, i) => COMMANDS[i % COMMANDS.length]);
    const outcomes = await Promise.all(
      runs.map(([command, options]) =>
        engine.command(command, options).then(
          (response: ATResponse) => ({ command, response }),
          (error: unknown) => ({ command, error }),
        ),
      ),
    );
    injecting = false;
    onCommand.unsubscribe();
    await injector;

    const wrong = outcomes.filter((o) => 'response' in o && !answersMatch(truth.get(o.command) ?? [], o.response.lines));
    const failed = outcomes.filter((o) => 'error' in o);
    const finalStrays = strays.filter((s) => !s.includes('12345')).length;
    // eslint-disable-next-line no-console
    console.log(`${strays.length} strays injected (${finalStrays} final result codes); ${failed.length} of 200 commands failed; ${wrong.length} resolved with a wrong answer`);
    expect(wrong).toEqual([]);
    expect(finalStrays).toBeGreaterThan(40);
    // Each stray result code costs at most the command it hit (`ERROR` is the command's failure).
    expect(failed.length).toBeLessThanOrEqual(finalStrays);
    for (const outcome of failed) {
      const error = (outcome as { error: unknown }).error;
      expect(error).toBeInstanceOf(Error);
      if (!(error instanceof UnexpectedModemResponseError)) expect(error).toMatchObject({ final: 'ERROR' });
    }
    // And the engine is in step afterwards: every command answers as on a quiet line.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const [command, options] of COMMANDS) expect((await engine.command(command, options)).lines).toEqual(truth.get(command));
  }, 60_000);
});

/** The answer's lines are the truth's, apart from noise lines the shape tolerates. */
function answersMatch(truth: readonly string[], lines: readonly string[]): boolean {
  const meaningful = lines.filter((line) => line !== '12345');
  return meaningful.length === truth.length && meaningful.every((line, i) => line === truth[i]);
}
