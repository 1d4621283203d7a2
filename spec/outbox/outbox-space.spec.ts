import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError } from '../../lib/errors';
import { OutboxSpace } from '../../lib/outbox/outbox-space';
import { OutboxStoreError } from '../../lib/outbox/outbox-store-error';

/** The policy with a file system whose free space the test sets (the reserve file is real). */
const directory = mkdtempSync(join(tmpdir(), 'hologram-space-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let files = 0;

function space(options: { minFreeBytes?: number; reserveBytes?: number }, free: { bytes: number }, reusable = () => 0) {
  const reads = { count: 0 };
  const path = join(directory, `outbox-${++files}.db`);
  const subject = new OutboxSpace(path, options, reusable, () => {
    reads.count++;
    return free.bytes;
  });
  return { subject, reads, path };
}

describe('OutboxSpace', () => {
  it('admits while the room above minFreeBytes lasts, reading free space only when its budget runs out', () => {
    const free = { bytes: 1_000_000 };
    const { subject, reads } = space({ minFreeBytes: 200_000, reserveBytes: 0 }, free);
    subject.admit(10_000); // reads: room 800,000, budget 395,000
    expect(reads.count).toBe(1);
    for (let i = 0; i < 39; i++) subject.admit(10_000);
    expect(reads.count).toBe(1); // 390,000 spent from the budget: no statfs
    free.bytes = 250_000; // meanwhile the disk filled up
    subject.admit(10_000); // 5,000 left in the budget: reads again, room 50,000
    expect(reads.count).toBe(2);
    expect(() => subject.admit(60_000)).toThrow(OutboxStoreError);
  });

  it('refuses with ENOSPC, naming the free bytes and the headroom, and counts the pages free inside the file', () => {
    const free = { bytes: 300_000 };
    const { subject, path } = space({ minFreeBytes: 384 * 1024, reserveBytes: 0 }, free, () => 120_000);
    let refusal: unknown;
    try {
      subject.admit(40_000);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({ code: 'ENOSPC', path });
    expect((refusal as Error).message).toBe(`Outbox ${path} refuses new messages: 300000 bytes free on its file system (and 120000 in its file), and it keeps 393216 free to acknowledge what it holds`);
    subject.admit(10_000); // 300,000 + 120,000 - 393,216 = 26,784 of room
  });

  it('a failure empties the budget: the next admit reads free space again', () => {
    const { subject, reads } = space({ minFreeBytes: 0, reserveBytes: 0 }, { bytes: 1_000_000 });
    subject.admit(1);
    subject.failed();
    subject.admit(1);
    expect(reads.count).toBe(2);
  });

  it('holds a reserve file while there is room for it and the headroom, releases it, and takes it back once room returns', () => {
    const free = { bytes: 1_000_000 };
    const { subject, path } = space({ minFreeBytes: 100_000, reserveBytes: 64 * 1024 }, free);
    expect(subject.reserveHeld).toBe(true);
    expect(statSync(`${path}.reserve`).size).toBe(64 * 1024);
    expect(subject.release()).toBe(true);
    expect(existsSync(`${path}.reserve`)).toBe(false);
    expect(subject.release()).toBe(false);
    free.bytes = 150_000; // not room for both
    subject.restore();
    expect(subject.reserveHeld).toBe(false);
    free.bytes = 100_000 + 64 * 1024;
    subject.admit(1); // reading free space is when it is taken back
    expect(subject.reserveHeld).toBe(true);
  });

  it('holds no reserve with reserveBytes 0', () => {
    const { subject, path } = space({ reserveBytes: 0 }, { bytes: 10_000_000 });
    expect(subject.reserveHeld).toBe(false);
    expect(existsSync(`${path}.reserve`)).toBe(false);
  });

  it.each([
    ['minFreeBytes', -1, '-1'],
    ['reserveBytes', 1.5, '1.5'],
    ['minFreeBytes', '10' as never, '"10"'],
  ])('rejects %s %p with a typed error naming it', (name, value, shown) => {
    expect(() => space({ [name]: value }, { bytes: 1 })).toThrow(InvalidArgumentError);
    expect(() => space({ [name]: value }, { bytes: 1 })).toThrow(`${name} must be a whole number from 0, got ${shown}`);
  });
});
