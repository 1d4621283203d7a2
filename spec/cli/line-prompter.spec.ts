import { PassThrough } from 'node:stream';
import { LinePrompter } from '../../lib/cli/line-prompter';

describe('LinePrompter (over a pipe)', () => {
  const setup = () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk: Buffer) => (printed += chunk.toString()));
    return { input, output, prompter: new LinePrompter(input, output), printed: () => printed };
  };

  it('keeps answers typed ahead, in order, and prints each question on its own line', async () => {
    const { input, prompter, printed } = setup();
    input.write('first\nsecond\n');
    expect(await prompter.ask('one? ')).toBe('first');
    expect(await prompter.ask('two? ')).toBe('second');
    expect(printed()).toBe('one? \ntwo? \n');
    prompter.close();
  });

  it('waits for an answer typed later', async () => {
    const { input, prompter } = setup();
    const answer = prompter.ask('later? ');
    setTimeout(() => input.write('now\n'), 10);
    expect(await answer).toBe('now');
    prompter.close();
  });

  it('resolves undefined once the input ends, for a waiting question and for later ones', async () => {
    const { input, prompter } = setup();
    const waiting = prompter.ask('a? ');
    input.end();
    expect(await waiting).toBeUndefined();
    expect(await prompter.ask('b? ')).toBeUndefined();
  });

  it('reads nothing before the first question', () => {
    const { input, prompter } = setup();
    input.write('unread\n');
    expect(input.listenerCount('data')).toBe(0);
    prompter.close();
  });
});
