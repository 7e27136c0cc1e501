/**
 * Seeded randomness. Everything the sample draws comes from here so that one seed always
 * gives the same bytes on every platform (integer mixing only; no `Math.random`).
 */

/** A 32-bit integer hash of any number of integers (murmur3-style finaliser). */
export function hashInts(...values: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A hash of a string, for keying draws by GEOID or FIPS. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return hashInts(h);
}

/** A uniform draw in [0, 1) from a hash. */
export function unitFromHash(h: number): number {
  return (h >>> 0) / 4294967296;
}

/** mulberry32: a small, fast, well-distributed 32-bit generator. */
export class Rng {
  #state: number;
  constructor(seed: number) {
    this.#state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Standard normal (Box–Muller; one value per call keeps the stream simple). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An independent generator for a named sub-stream. */
  fork(...keys: readonly number[]): Rng {
    return new Rng(hashInts(this.#state, ...keys));
  }
}

/** A generator for one entity (a tract, a county) under a run seed and a purpose. */
export function rngFor(seed: number, purpose: string, key: string): Rng {
  return new Rng(hashInts(seed, hashString(purpose), hashString(key)));
}

/**
 * Smooth value noise in roughly [-1, 1]: hashed lattice values blended with a smoothstep, so
 * nearby points get similar values. `x`, `y` are in lattice units.
 */
export function valueNoise(seed: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  const sx = fx * fx * (3 - 2 * fx);
  const sy = fy * fy * (3 - 2 * fy);
  const at = (i: number, j: number) => unitFromHash(hashInts(seed, i, j)) * 2 - 1;
  const a = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * sx;
  const b = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * sx;
  return a + (b - a) * sy;
}

/** Two octaves of value noise, scaled to roughly unit variance. */
export function smoothField(seed: number, x: number, y: number): number {
  return (valueNoise(seed, x, y) + 0.5 * valueNoise(seed ^ 0x5bd1e995, x * 2.1, y * 2.1)) * 1.6;
}
