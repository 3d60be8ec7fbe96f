// Every "random" identifier the simulated API server hands out — uids and generateName suffixes —
// comes from one seeded generator whose state is saved with the cluster, so reloading a cluster and
// repeating the same operations yields the same names.
import { GENERATED_SUFFIX_LENGTH, MAX_GENERATE_NAME_PREFIX, SAFE_ALPHABET } from "./name-alphabet.js";
import { isPrngState, Prng, type PrngState } from "./prng.js";

export const DEFAULT_SEED = "drydock";

export interface IdGeneratorState {
  seed: string;
  prng: PrngState;
}

export class IdGenerator {
  private constructor(
    readonly seed: string,
    private prng: Prng,
  ) {}

  static fromSeed(seed: string = DEFAULT_SEED): IdGenerator {
    return new IdGenerator(seed, Prng.fromSeed(seed));
  }

  static fromState(state: IdGeneratorState): IdGenerator {
    return new IdGenerator(state.seed, Prng.fromState(state.prng));
  }

  state(): IdGeneratorState {
    return { seed: this.seed, prng: this.prng.state() };
  }

  /** Rewinds to a state this generator had (a rolled-back transaction gives its ids back). */
  restore(state: IdGeneratorState): void {
    if (state.seed !== this.seed) throw new Error(`cannot restore ids of seed ${JSON.stringify(state.seed)} into seed ${JSON.stringify(this.seed)}`);
    this.prng = Prng.fromState(state.prng);
  }

  /** A UUID in version 4 format, like the API server's `metadata.uid`. */
  uid(): string {
    const w0 = this.prng.nextUint32();
    // Version 4 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
    const w1 = ((this.prng.nextUint32() & 0xffff0fff) | 0x00004000) >>> 0;
    const w2 = ((this.prng.nextUint32() & 0x3fffffff) | 0x80000000) >>> 0;
    const w3 = this.prng.nextUint32();
    const hex = hex8(w0) + hex8(w1) + hex8(w2) + hex8(w3);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** rand.String(n): characters drawn uniformly from the safe alphabet. */
  randomString(length: number): string {
    let out = "";
    while (out.length < length) {
      // Rejection sampling of 5-bit values, as upstream does, keeps the 27 letters equally likely.
      const index = this.prng.nextUint32() & 31;
      if (index < SAFE_ALPHABET.length) out += SAFE_ALPHABET[index];
    }
    return out;
  }

  /** The name the API server makes from `generateName`: the prefix plus 5 random characters. */
  generateName(prefix: string): string {
    return prefix.slice(0, MAX_GENERATE_NAME_PREFIX) + this.randomString(GENERATED_SUFFIX_LENGTH);
  }
}

function hex8(word: number): string {
  return word.toString(16).padStart(8, "0");
}

export function isIdGeneratorState(value: unknown): value is IdGeneratorState {
  const v = value as Partial<IdGeneratorState> | null;
  return typeof v === "object" && v !== null && typeof v.seed === "string" && isPrngState(v.prng);
}
