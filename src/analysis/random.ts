/**
 * A seeded pseudo-random number generator for the ensemble sampler and the Sobol design: the
 * xoshiro128** 1.1 generator of Blackman and Vigna, seeded through splitmix32. Integer
 * arithmetic only (`Math.imul`, shifts), so a seed gives the same numbers bit for bit in every
 * JavaScript engine; `Math.random` is never used.
 *
 * Streams: `createRandom(seed, stream)` gives an independent generator for each stream number,
 * so draw `i` of a sampler can use stream `i` and a worker can compute any index range without
 * generating the draws before it.
 */

/** A seeded generator. */
export interface Random {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** The next double in [0, 1), with 53 random bits. */
  next(): number;
}

/** One step of splitmix32 on `state`: returns the new state and the mixed output. */
function splitmix32(state: number): { state: number; out: number } {
  const s = (state + 0x9e3779b9) | 0;
  let z = s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { state: s, out: z >>> 0 };
}

/** Mix a seed and a stream number into one 32-bit start value for splitmix32. */
function mixSeed(seed: number, stream: number): number {
  let h = Math.imul((seed >>> 0) ^ 0x5bd1e995, 0x27d4eb2d);
  h ^= h >>> 15;
  h = Math.imul(h ^ (stream >>> 0), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h ^ Math.floor(stream / 0x100000000), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));

/**
 * xoshiro128** from an explicit state of four 32-bit words (not all zero). Exposed for the
 * known-answer test; use `createRandom` otherwise.
 */
export function xoshiro128ss(words: readonly [number, number, number, number]): Random {
  if (words.every((w) => w >>> 0 === 0)) throw new Error('xoshiro128** state must not be all zero');
  let s0 = words[0] >>> 0;
  let s1 = words[1] >>> 0;
  let s2 = words[2] >>> 0;
  let s3 = words[3] >>> 0;
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    nextUint32,
    next: () => {
      const hi = nextUint32() >>> 5; // 27 bits
      const lo = nextUint32() >>> 6; // 26 bits
      return (hi * 67108864 + lo) / 9007199254740992;
    },
  };
}

/**
 * A generator for `seed` and `stream` (both non-negative integers below 2^53).
 * @throws Error naming the value when the seed or the stream is not such an integer
 */
export function createRandom(seed: number, stream = 0): Random {
  for (const [name, v] of [
    ['seed', seed],
    ['stream', stream],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new Error(`invalid ${name}: ${v} (a non-negative integer)`);
  }
  let state = mixSeed(seed % 0x100000000, stream) ^ Math.floor(seed / 0x100000000);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const step = splitmix32(state);
    state = step.state;
    words.push(step.out);
  }
  if ((words[0]! | words[1]! | words[2]! | words[3]!) === 0) words[0] = 1;
  return xoshiro128ss(words as [number, number, number, number]);
}
