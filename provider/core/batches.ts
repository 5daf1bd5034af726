/** Lists cut into the batches an API takes at most (100 ids a call; 5 values of an ECM filter). */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
