// Whether an environment variable's name says it holds a secret. Names are split into words
// (`DB_PASSWORD`, `dbPassword`, `db.password` → DB PASSWORD) so that PASSWORD matches as a word or at
// the end of a compound word (PGPASSWORD), while TOKENIZER or SECRETARY do not.

export const DEFAULT_SECRET_NAME_PATTERNS: readonly string[] = [
  "PASSWORD",
  "PASSWD",
  "PASSPHRASE",
  "SECRET",
  "TOKEN",
  "API_KEY",
  "APIKEY",
  "PRIVATE_KEY",
  "CREDENTIAL",
  "CREDENTIALS",
];

// A last word that makes the variable about a secret rather than the secret itself: a file holding
// it (Docker's PASSWORD_FILE convention), where to find it, or a setting of how it is used.
const ABOUT_A_SECRET = new Set([
  "FILE",
  "FILES",
  "PATH",
  "DIR",
  "NAME",
  "REF",
  "URL",
  "URI",
  "ENDPOINT",
  "TTL",
  "EXPIRY",
  "EXPIRATION",
  "LIFETIME",
  "TIMEOUT",
  "LENGTH",
  "TYPE",
  "HEADER",
  "ISSUER",
  "AUDIENCE",
  "ENABLED",
  "DISABLED",
  "REQUIRED",
  "POLICY",
]);

export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== "")
    .map((w) => w.toUpperCase());
}

/** The pattern the name matches, if it names a secret. */
export function secretNamePattern(name: string, patterns: readonly string[] = DEFAULT_SECRET_NAME_PATTERNS): string | undefined {
  const words = nameWords(name);
  if (words.length === 0 || ABOUT_A_SECRET.has(words[words.length - 1])) return undefined;
  return patterns.find((pattern) => matchesPattern(words, nameWords(pattern)));
}

function matchesPattern(words: readonly string[], pattern: readonly string[]): boolean {
  if (pattern.length === 0) return false;
  const last = pattern.length - 1;
  for (let start = 0; start + pattern.length <= words.length; start++) {
    const match = pattern.every((p, i) => {
      const word = words[start + i];
      if (word === p || (i === last && word === p + "S")) return true;
      // A compound word may end with the pattern's first word (PGPASSWORD, GITHUBTOKEN).
      return i === 0 && pattern.length === 1 && word.length > p.length && (word.endsWith(p) || word.endsWith(p + "S"));
    });
    if (match) return true;
  }
  return false;
}

/** PEM private keys, which are secrets whatever the variable is called. */
export function looksLikePrivateKey(value: string): boolean {
  return /-{3,}\s*BEGIN [A-Z0-9 ]*PRIVATE KEY\s*-{3,}/.test(value);
}

/** A value that is only `$(OTHER_VAR)` references, which Kubernetes expands from other variables. */
export function isVariableReference(value: string): boolean {
  return /^(\$\([A-Za-z_][A-Za-z0-9_.-]*\))+$/.test(value.trim());
}
