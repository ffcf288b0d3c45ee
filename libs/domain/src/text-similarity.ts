/**
 * "Near-identical text" for dedup level 3 (docs/architecture.md, "Three levels of deduplication"): the same complaint sent
 * again on another channel, perhaps with another greeting, other punctuation or other case.
 */

/** Words per shingle; texts shorter than this are compared as sets of words. */
const SHINGLE_WORDS = 3;

/**
 * Lowercase (locale-independent), letters without their diacritics (so "İ" → "i", "ş" → "s",
 * Cyrillic "ё" → "е"), every run of characters that is neither letter nor digit a single space.
 * Digits stay: an order number is what tells two otherwise alike complaints apart.
 */
function normalizeForSimilarity(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}+/gu, '')
    // Azerbaijani "I" lowercases to "ı", but toLowerCase without a locale gives "i": the same
    // word in capitals and in small letters only compares equal once both are "i".
    .replace(/ı/g, 'i')
    // Typed on a keyboard without Azerbaijani letters "şikayət" becomes "sikayet": ş ç ğ ö ü lose
    // their marks with NFKD, but ə has no decomposition and needs its own rule.
    .replace(/ə/g, 'e')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function wordsOf(text: string): string[] {
  const normalized = normalizeForSimilarity(text);
  return normalized === '' ? [] : normalized.split(' ');
}

function shinglesOf(words: readonly string[], size: number): Set<string> {
  if (size === 1) return new Set(words);
  const shingles = new Set<string>();
  for (let i = 0; i + size <= words.length; i += 1) shingles.add(words.slice(i, i + size).join(' '));
  return shingles;
}

/**
 * Jaccard index |A ∩ B| / |A ∪ B|, not containment |A ∩ B| / |A|: containment scores a short
 * message ("my order is late") found inside a long complaint as 1, yet it is not the same
 * complaint; Jaccard is symmetric and falls as the lengths drift apart.
 */
function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function similarityOfWords(a: readonly string[], b: readonly string[]): number {
  // No words is no complaint text: it never resembles anything, not even another empty text.
  if (a.length === 0 || b.length === 0) return 0;
  // Both sides need the same kind of shingle: when either text is under three words, both are
  // compared as sets of words.
  const size = Math.min(a.length, b.length) < SHINGLE_WORDS ? 1 : SHINGLE_WORDS;
  return jaccard(shinglesOf(a, size), shinglesOf(b, size));
}

/** How alike two texts are, 0..1, over shingles of three consecutive normalised words. */
export function textSimilarity(a: string, b: string): number {
  return similarityOfWords(wordsOf(a), wordsOf(b));
}

export interface SimilarityCandidate {
  id: string;
  text: string;
  receivedAt: Date;
}

export interface NearDuplicateOptions {
  /** Lowest similarity that counts, 0 < threshold ≤ 1. */
  threshold: number;
  /** Candidates received before this instant are too old to count. */
  since: Date;
}

export interface NearDuplicate {
  id: string;
  similarity: number;
}

/**
 * The candidate most similar to `text`, among those received at or after `since`, when it is
 * at least `threshold` similar. A tie goes to the later candidate, the one the customer is most
 * likely still waiting on.
 */
export function findNearDuplicate(
  text: string,
  candidates: readonly SimilarityCandidate[],
  options: NearDuplicateOptions,
): NearDuplicate | undefined {
  const { threshold, since } = options;
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}`);
  if (Number.isNaN(since.getTime())) throw new RangeError('since is not a valid date');
  const words = wordsOf(text);
  if (words.length === 0) return undefined;
  let best: (NearDuplicate & { receivedAt: number }) | undefined;
  for (const candidate of candidates) {
    const receivedAt = candidate.receivedAt.getTime();
    if (!(receivedAt >= since.getTime())) continue;
    const similarity = similarityOfWords(words, wordsOf(candidate.text));
    if (similarity < threshold) continue;
    const better = !best || similarity > best.similarity || (similarity === best.similarity && receivedAt > best.receivedAt);
    if (better) best = { id: candidate.id, similarity, receivedAt };
  }
  return best && { id: best.id, similarity: best.similarity };
}
