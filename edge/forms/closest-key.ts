/** Edits (insert, delete, substitute) that turn `a` into `b`. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The allowed key an operator most likely meant by `key`: one that differs only
 * in case, else the nearest within two edits; undefined when none is that close.
 */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  const sameLetters = allowed.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
  if (sameLetters) return sameLetters;
  let best: { readonly key: string; readonly distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance <= 2 && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  return best?.key;
}
