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
 * The option a mistyped `--name` most likely meant, for "did you mean --host?": the only option
 * it is the start of (`--dest` for `--destination`), else the nearest within two edits (fewer for
 * short names), the first listed on a tie; undefined when nothing is close.
 */
export function closestOption(unknown: string, options: readonly string[]): string | undefined {
  const name = unknown.replace(/^-+/, '').toLowerCase();
  if (name.length === 0) return undefined;
  const prefixed = options.filter((option) => option.toLowerCase().startsWith(name));
  if (name.length >= 3 && prefixed.length === 1) return prefixed[0];
  const limit = Math.min(2, Math.floor(name.length / 3));
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(name, option.toLowerCase());
    if (distance <= limit && (best === undefined || distance < best.distance)) best = { option, distance };
  }
  return best?.option;
}
