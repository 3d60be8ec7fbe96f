// The API server's alphabet for generated names and hashes (apimachinery/pkg/util/rand): no vowels,
// so no words, and none of the look-alikes 0, 1, 3 (upstream's comment on `alphanums`).
export const SAFE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

/** rand.SafeEncodeString: each character mapped through the alphabet by its code point. */
export function safeEncodeString(text: string): string {
  let out = "";
  for (const ch of text) out += SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return out;
}

/** Length of the suffix the API server appends to `metadata.generateName`. */
export const GENERATED_SUFFIX_LENGTH = 5;

/** Longest generateName prefix kept, so the name stays within 63 characters (upstream). */
export const MAX_GENERATE_NAME_PREFIX = 63 - GENERATED_SUFFIX_LENGTH;
