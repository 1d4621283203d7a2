/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: optimal string alignment distance. */
function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j += 1) rows[0][j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
    }
  }
  return rows[a.length][b.length];
}

/**
 * The name a mistyped one most likely meant, for "did you mean ...?" (a CLI's `--hots`, an
 * option key `sendhost`): case aside, the only name it is the start of (`dest` for
 * `destination`, `timeout` for `timeoutMs`), else the nearest within two edits (fewer for short
 * names), the first listed on a tie; undefined when nothing is close.
 */
export function closestName(unknown: string, names: readonly string[]): string | undefined {
  const name = unknown.toLowerCase();
  if (name.length === 0) return undefined;
  const prefixed = names.filter((candidate) => candidate.toLowerCase().startsWith(name));
  if (name.length >= 3 && prefixed.length === 1) return prefixed[0];
  const limit = Math.min(2, Math.floor(name.length / 3));
  let best: { name: string; distance: number } | undefined;
  for (const candidate of names) {
    const distance = editDistance(name, candidate.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}
