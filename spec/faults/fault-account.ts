/**
 * What one leg of the combined-fault run saw of each message, by seq, from the lines its devices
 * print (see `fault-device.ts`) and the frames the cloud read. A message is accepted when the
 * round that handed it over ended (`TICK`) without refusing it: the SDK stores or refuses
 * synchronously, and every refusal is reported (`message.dropped`; an awaited `sendMessage` also
 * rejects).
 */
export class FaultAccount {
  readonly tried = new Set<string>();
  /** Handed to an awaited `sendMessage`. */
  readonly awaited = new Set<string>();
  readonly accepted = new Set<string>();
  readonly refused = new Map<string, string>();
  /** Awaited sends that rejected, with the error's code. */
  readonly rejected = new Map<string, string>();
  /** Parent clock time of the first `DLV`. */
  readonly delivered = new Map<string, number>();
  /** Parent clock times the cloud read the message. */
  readonly atCloud = new Map<string, number[]>();
  /** Tried in the instant of a kill: no answer, and none owed (the caller was killed with it). */
  readonly inDoubt = new Set<string>();
  /** Modem identity reads (`ID`): how many, and those whose value was not the modem's (another command's answer, a noise line). */
  readonly identityReads = { ok: 0, failed: 0, wrong: [] as string[] };
  /** Modem opens that failed (`OPENFAIL`), by error name. */
  readonly openFailures = new Map<string, number>();

  /**
   * @param identity The modem's true identity by read (`imei` → its IMEI), for the modem leg.
   */
  constructor(private readonly identity: Readonly<Record<string, string>> = {}) {}

  /** One line a device printed; `open` holds the seqs of its round under way. */
  onDeviceLine(line: string, open: Set<string>): void {
    const [kind, seq, detail] = line.split(' ');
    switch (kind) {
      case 'TRY':
        this.tried.add(seq);
        if (detail === 'await') this.awaited.add(seq);
        open.add(seq);
        break;
      case 'REF':
        this.refused.set(seq, detail);
        break;
      case 'REJ':
        this.rejected.set(seq, detail);
        break;
      case 'DLV':
        if (!this.delivered.has(seq)) this.delivered.set(seq, Date.now());
        break;
      case 'TICK':
        // The round is over: what it did not refuse, it stored.
        for (const tried of open) if (!this.refused.has(tried)) this.accepted.add(tried);
        open.clear();
        break;
      case 'ID': {
        // `ID <what> <JSON value>`: `seq` is the read's name here.
        const value = JSON.parse(line.slice(`ID ${seq} `.length)) as string;
        if (value === this.identity[seq]) this.identityReads.ok++;
        else this.identityReads.wrong.push(`${seq} read ${JSON.stringify(value)}`);
        break;
      }
      case 'IDERR':
        this.identityReads.failed++;
        break;
      case 'OPENFAIL':
        this.openFailures.set(seq, (this.openFailures.get(seq) ?? 0) + 1);
        break;
    }
  }

  /** A device was killed with this round open: what it had not refused is in doubt. */
  killedWith(open: Iterable<string>): void {
    for (const seq of open) if (!this.refused.has(seq)) this.inDoubt.add(seq);
  }

  /** The cloud read a message of this leg. */
  reachedCloud(seq: string): void {
    const times = this.atCloud.get(seq) ?? [];
    times.push(Date.now());
    this.atCloud.set(seq, times);
  }

  /** The figures of the leg, and what fails it. */
  settle(): { figures: Record<string, unknown>; problems: string[] } {
    const unreported = new Set<string>();
    for (const seq of this.awaited) {
      // Both ways: a refusal the caller was not told of, or a rejection nobody else heard of.
      if (this.inDoubt.has(seq)) continue;
      if (this.refused.has(seq) !== this.rejected.has(seq)) unreported.add(seq);
    }
    const lost = [...this.accepted].filter((seq) => !this.atCloud.has(seq));
    const duplicated = [...this.atCloud.values()].filter((times) => times.length > 1).length;
    const resentAfterDelivered = [...this.delivered].filter(([seq, at]) => (this.atCloud.get(seq) ?? []).some((time) => time > at));
    const undelivered = [...this.accepted].filter((seq) => !this.delivered.has(seq));
    const figures: Record<string, unknown> = {
      sent: this.tried.size,
      accepted: this.accepted.size,
      refused: countBy(this.refused.values()),
      awaitedRejectedWith: countBy(this.rejected.values()),
      delivered: this.delivered.size,
      acceptedNotReportedDelivered: undelivered.length,
      duplicated,
      lost: lost.length,
      unreported: unreported.size,
      resentAfterDelivered: resentAfterDelivered.length,
      inDoubtAtKill: this.inDoubt.size,
      inDoubtThatReachedTheCloud: [...this.inDoubt].filter((seq) => this.atCloud.has(seq)).length,
    };
    const identityChecked = Object.keys(this.identity).length > 0;
    if (identityChecked) {
      figures.identityReads = { ok: this.identityReads.ok, failed: this.identityReads.failed, wrong: this.identityReads.wrong.length };
      figures.modemOpensFailed = Object.fromEntries(this.openFailures);
    }
    const problems = [
      lost.length > 0 ? `${lost.length} accepted messages never reached the cloud (e.g. ${lost.slice(0, 5).join(', ')})` : undefined,
      unreported.size > 0 ? `${unreported.size} refusals not reported to the caller (e.g. ${[...unreported].slice(0, 5).join(', ')})` : undefined,
      resentAfterDelivered.length > 0
        ? `${resentAfterDelivered.length} messages sent again after being reported delivered (e.g. ${resentAfterDelivered.slice(0, 5).map(([seq]) => seq).join(', ')})`
        : undefined,
      this.accepted.size === 0 ? 'nothing was accepted: the leg tested nothing' : undefined,
      this.identityReads.wrong.length > 0
        ? `${this.identityReads.wrong.length} modem reads resolved with another answer than their own (e.g. ${this.identityReads.wrong.slice(0, 3).join('; ')})`
        : undefined,
      identityChecked && this.identityReads.ok === 0 ? 'no modem identity read succeeded: the modem leg checked nothing' : undefined,
    ].filter((problem): problem is string => problem !== undefined);
    return { figures, problems };
  }
}

function countBy(values: Iterable<string>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
