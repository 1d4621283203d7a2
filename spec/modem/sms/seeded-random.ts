/** A small seeded PRNG (mulberry32) so randomized specs are reproducible from their seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

export function shuffle<T>(random: () => number, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other], copy[index]];
  }
  return copy;
}

export const GSM7_CHARACTERS = [
  ...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
];
export const GSM7_EXTENSION_CHARACTERS = [...'^{}\\[~]|€\f'];

/** Random text over the GSM 7-bit alphabet, extension characters included. */
export function randomGsm7Text(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index++) {
    text += random() < 0.15 ? pick(random, GSM7_EXTENSION_CHARACTERS) : pick(random, GSM7_CHARACTERS);
  }
  return text;
}

/** Random Unicode text: ASCII, Latin, Cyrillic, CJK and astral characters (emoji, symbols). */
export function randomUnicodeText(random: () => number, length: number): string {
  const ranges: readonly [number, number][] = [
    [0x20, 0x7e],
    [0xa0, 0x17f],
    [0x400, 0x4ff],
    [0x4e00, 0x9fff],
    [0xe000, 0xf8ff],
    [0x1f300, 0x1f6ff],
    [0x1d400, 0x1d7ff],
    [0x20000, 0x2a6df],
  ];
  let text = '';
  while (text.length < length) {
    const [low, high] = pick(random, ranges);
    text += String.fromCodePoint(randomInt(random, low, high));
  }
  return text;
}
