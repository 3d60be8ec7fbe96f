import { distance } from "fastest-levenshtein";

/**
 * The candidate a typo most likely meant: an exact match ignoring case, else the nearest by edit
 * distance when it is close enough to be a typo (about a third of the word, or `minDistance`).
 */
export function closestMatch(word: string, candidates: Iterable<string>, options: { minDistance?: number } = {}): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  const allowed = Math.max(options.minDistance ?? 1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Up to `limit` candidates, nearest to `word` first (ties in the candidates' order). */
export function nearestMatches(word: string, candidates: readonly string[], limit: number): string[] {
  const lower = word.toLowerCase();
  return candidates
    .map((candidate, index) => ({ candidate, index, d: distance(lower, candidate.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.index - b.index)
    .slice(0, limit)
    .map((m) => m.candidate);
}
