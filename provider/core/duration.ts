/** Durations as the `timeouts` argument takes them: "15m", "90s", "1h30m", "500ms". */

const UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** "15m", "90s", "1h30m", "500ms" → milliseconds; throws on anything else. */
export function parseDuration(text: string): number {
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(PART)) {
    total += Number(m[1]) * UNITS[m[2] as keyof typeof UNITS];
    consumed += m[0].length;
  }
  if (consumed !== text.length || consumed === 0)
    throw new Error(`"${text}" is not a duration like "15m", "90s" or "1h30m"`);
  return total;
}
