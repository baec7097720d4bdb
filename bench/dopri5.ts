/**
 * A plain Dormand–Prince 5(4) integrator with dense output, written for the benchmark only: it
 * is the floor that a solver specialised for this workload reaches, so `npm run bench` can say
 * how far the product (which keeps odex) is from it. Not used by the product.
 *
 * Method: the explicit Runge–Kutta pair of Dormand & Prince (1980), "A family of embedded
 * Runge–Kutta formulae", J. Comput. Appl. Math. 6:19–26, with the coefficients, the error
 * estimate, the step-size controller (PI with β = 0.04, safety 0.9, factors in [0.2, 10]) and the
 * 4th-order continuous extension as given in Hairer, Nørsett & Wanner, *Solving Ordinary
 * Differential Equations I* (2nd ed., 1993), §II.5 (Table 5.2) and §II.6 (dense output of
 * DOPRI5), the same as in their Fortran code DOPRI5. First step: the "hinit" estimate of §II.4.
 * FSAL: the last stage of a step is the first of the next. No allocation per step.
 */

/** y' = f(t, y), written into `dy`. */
export type Rhs = (t: number, y: Float64Array, dy: Float64Array) => void;

// Nodes c_i and stage coefficients a_ij (Dormand & Prince 1980; HNW Table 5.2).
const C2 = 1 / 5;
const C3 = 3 / 10;
const C4 = 4 / 5;
const C5 = 8 / 9;
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
// 5th-order weights b_i (= a_7i: first same as last).
const A71 = 35 / 384;
const A73 = 500 / 1113;
const A74 = 125 / 192;
const A75 = -2187 / 6784;
const A76 = 11 / 84;
// Error coefficients e_i = b_i − b̂_i.
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;
// Dense output (HNW §II.6, DOPRI5's CONTD5).
const D1 = -12715105075 / 11282082432;
const D3 = 87487479700 / 32700410799;
const D4 = -10690763975 / 1880347072;
const D5 = 701980252875 / 199316789632;
const D6 = -1453857185 / 822651844;
const D7 = 69997945 / 29380423;

/** Tolerances and limits. */
export interface Dopri5Options {
  readonly rtol: number;
  readonly atol: number;
  readonly maxSteps?: number;
}

/** Work counters. */
export interface Dopri5Stats {
  steps: number;
  rejected: number;
  evaluations: number;
}

/**
 * One integrator for systems of dimension `n`: work arrays are allocated once, here.
 * `integrate` advances `y` in place over one smooth segment.
 */
export class Dopri5 {
  private readonly n: number;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly k5: Float64Array;
  private readonly k6: Float64Array;
  private readonly k7: Float64Array;
  private readonly y1: Float64Array;
  private readonly ys: Float64Array;
  // Dense output coefficients of the last accepted step.
  private readonly r1: Float64Array;
  private readonly r2: Float64Array;
  private readonly r3: Float64Array;
  private readonly r4: Float64Array;
  private readonly r5: Float64Array;
  readonly stats: Dopri5Stats = { steps: 0, rejected: 0, evaluations: 0 };

  constructor(n: number) {
    this.n = n;
    const a = () => new Float64Array(n);
    this.k1 = a();
    this.k2 = a();
    this.k3 = a();
    this.k4 = a();
    this.k5 = a();
    this.k6 = a();
    this.k7 = a();
    this.y1 = a();
    this.ys = a();
    this.r1 = a();
    this.r2 = a();
    this.r3 = a();
    this.r4 = a();
    this.r5 = a();
  }

  /** Initial step guess (HNW §II.4, "hinit"), order 5; uses k1 = f(t0, y0) and one more evaluation. */
  private initialStep(f: Rhs, t0: number, y: Float64Array, span: number, o: Dopri5Options): number {
    const { n, k1, k2, y1 } = this;
    let dnf = 0;
    let dny = 0;
    for (let i = 0; i < n; i++) {
      const sk = o.atol + o.rtol * Math.abs(y[i]!);
      dnf += (k1[i]! / sk) ** 2;
      dny += (y[i]! / sk) ** 2;
    }
    let h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.sqrt(dny / dnf) * 0.01;
    h = Math.min(h, span);
    for (let i = 0; i < n; i++) y1[i] = y[i]! + h * k1[i]!;
    f(t0 + h, y1, k2);
    this.stats.evaluations++;
    let der2 = 0;
    for (let i = 0; i < n; i++) {
      const sk = o.atol + o.rtol * Math.abs(y[i]!);
      der2 += ((k2[i]! - k1[i]!) / sk) ** 2;
    }
    der2 = Math.sqrt(der2) / h;
    const der12 = Math.max(Math.abs(der2), Math.sqrt(dnf));
    const h1 = der12 <= 1e-15 ? Math.max(1e-6, Math.abs(h) * 1e-3) : (0.01 / der12) ** (1 / 5);
    return Math.min(100 * Math.abs(h), h1, span);
  }

  /**
   * Integrate y' = f over [t0, t1] in place. After each accepted step [tOld, t], calls
   * `onStep(tOld, t)`, during which `denseAt(i, t')` interpolates component i at t' in the step.
   * @returns false if the step limit was hit
   */
  integrate(
    f: Rhs,
    t0: number,
    t1: number,
    y: Float64Array,
    o: Dopri5Options,
    onStep?: (tOld: number, t: number) => void,
  ): boolean {
    const { n, k1, k2, k3, k4, k5, k6, k7, y1, ys } = this;
    const span = t1 - t0;
    const maxSteps = o.maxSteps ?? 100_000;
    const beta = 0.04;
    const expo1 = 0.2 - beta * 0.75;
    let facOld = 1e-4;
    f(t0, y, k1);
    this.stats.evaluations++;
    let h = this.initialStep(f, t0, y, span, o);
    let t = t0;
    let rejectedLast = false;
    let steps = 0;
    while (t < t1) {
      if (++steps > maxSteps) return false;
      let last = false;
      if (t + 1.01 * h >= t1) {
        h = t1 - t;
        last = true;
      }
      for (let i = 0; i < n; i++) ys[i] = y[i]! + h * A21 * k1[i]!;
      f(t + C2 * h, ys, k2);
      for (let i = 0; i < n; i++) ys[i] = y[i]! + h * (A31 * k1[i]! + A32 * k2[i]!);
      f(t + C3 * h, ys, k3);
      for (let i = 0; i < n; i++) ys[i] = y[i]! + h * (A41 * k1[i]! + A42 * k2[i]! + A43 * k3[i]!);
      f(t + C4 * h, ys, k4);
      for (let i = 0; i < n; i++)
        ys[i] = y[i]! + h * (A51 * k1[i]! + A52 * k2[i]! + A53 * k3[i]! + A54 * k4[i]!);
      f(t + C5 * h, ys, k5);
      for (let i = 0; i < n; i++)
        ys[i] = y[i]! + h * (A61 * k1[i]! + A62 * k2[i]! + A63 * k3[i]! + A64 * k4[i]! + A65 * k5[i]!);
      f(t + h, ys, k6);
      for (let i = 0; i < n; i++)
        y1[i] = y[i]! + h * (A71 * k1[i]! + A73 * k3[i]! + A74 * k4[i]! + A75 * k5[i]! + A76 * k6[i]!);
      f(t + h, y1, k7);
      this.stats.evaluations += 6;
      // Error estimate (RMS norm, HNW (4.11)).
      let err = 0;
      for (let i = 0; i < n; i++) {
        const e = h * (E1 * k1[i]! + E3 * k3[i]! + E4 * k4[i]! + E5 * k5[i]! + E6 * k6[i]! + E7 * k7[i]!);
        const sk = o.atol + o.rtol * Math.max(Math.abs(y[i]!), Math.abs(y1[i]!));
        err += (e / sk) ** 2;
      }
      err = Math.sqrt(err / n);
      const fac11 = err ** expo1;
      // PI (Lund) stabilisation, factors limited to [0.2, 10].
      let fac = fac11 / facOld ** beta;
      fac = Math.max(0.1, Math.min(5, fac / 0.9));
      let hNew = h / fac;
      if (err <= 1) {
        facOld = Math.max(err, 1e-4);
        this.stats.steps++;
        // Dense output coefficients (CONTD5).
        for (let i = 0; i < n; i++) {
          const yd = y1[i]! - y[i]!;
          const bspl = h * k1[i]! - yd;
          this.r1[i] = y[i]!;
          this.r2[i] = yd;
          this.r3[i] = bspl;
          this.r4[i] = yd - h * k7[i]! - bspl;
          this.r5[i] =
            h * (D1 * k1[i]! + D3 * k3[i]! + D4 * k4[i]! + D5 * k5[i]! + D6 * k6[i]! + D7 * k7[i]!);
        }
        const tOld = t;
        t = last ? t1 : t + h;
        y.set(y1);
        k1.set(k7);
        this.denseT0 = tOld;
        this.denseH = h;
        onStep?.(tOld, t);
        if (rejectedLast) hNew = Math.min(hNew, h);
        rejectedLast = false;
        h = hNew;
      } else {
        hNew = h / Math.min(5, fac11 / 0.9);
        rejectedLast = true;
        this.stats.rejected++;
        h = hNew;
      }
    }
    return true;
  }

  private denseT0 = 0;
  private denseH = 1;

  /** Component i of the continuous extension of the last accepted step, at time t in it. */
  denseAt(i: number, t: number): number {
    const s = (t - this.denseT0) / this.denseH;
    const s1 = 1 - s;
    return this.r1[i]! + s * (this.r2[i]! + s1 * (this.r3[i]! + s * (this.r4[i]! + s1 * this.r5[i]!)));
  }
}
