package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float64 transcendental functions on vectors, built only from lanewise operations whose results
 * IEEE 754 defines exactly (add, mul, div, FMA, min/max, compares, blends, integer bit operations on
 * the reinterpreted lanes). The Vector API's own {@code lanewise(EXP)} and friends are not used:
 * they run a Java fallback when interpreted and SVML when compiled, which round differently, so the
 * same call would return different bits before and after the JIT compiles it. These give the same
 * bits in every lane, at every vector width and in every JIT state.
 *
 * <p>Every bound below is the largest error against {@link StrictMath} measured by
 * {@code VectorMathAccuracyTest} (which asserts it), in units in the last place of the result.
 * Special values (NaN, infinities, signed zeros, overflow and underflow) match StrictMath exactly,
 * and every NaN result is the canonical {@link Double#NaN}: an operation on two NaNs returns either
 * one's bits depending on operand order, which the JIT may change.
 *
 * <p>A vector passed to a method that C2 does not inline is boxed, which is ten times slower. C2
 * inlines a hot method only if its bytecode is at most 325 bytes ({@code -XX:FreqInlineSize}) and
 * stops inlining once a compilation grows past its node budget (the Vector API's own methods are
 * always inlined). So every function and helper here stays under 325 bytes of bytecode (split into
 * helpers where needed; {@code VectorMathInliningTest} checks), and callers give each function a
 * loop of its own.
 */
final class DoubleMath {

    private static final VectorSpecies<Double> D = Species.DOUBLE;

    /** 1.5 * 2^52: adding it rounds |v| < 2^51 to an integer, which lands in the low mantissa bits. */
    private static final double SHIFTER = 0x1.8p52;
    private static final long SHIFTER_BITS = Double.doubleToRawLongBits(SHIFTER);
    private static final long SIGN = Long.MIN_VALUE;
    private static final double LOG2E = 0x1.71547652b82fep0;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI is ln 2 rounded, so {@code x - k * LN2_HI} is exact in an FMA. */
    private static final double LN2_HI = 0x1.62e42fefa39efp-1, LN2_LO = 0x1.abc9e3b39803fp-56;
    /** ln 2 split for log: LOG_LN2_HI has 42 bits, so {@code k * LOG_LN2_HI} is exact for every exponent k. */
    private static final double LOG_LN2_HI = 0x1.62e42fefa3800p-1, LOG_LN2_LO = 0x1.ef35793c76730p-45;
    /** 2/3 = TWO_THIRDS_HI + TWO_THIRDS_LO. */
    private static final double TWO_THIRDS_HI = 0x1.5555555555555p-1, TWO_THIRDS_LO = 0x1.5555555555555p-55;
    private static final double TWO_OVER_PI = 0x1.45f306dc9c883p-1;
    /** pi/2 = PIO2_1 + PIO2_2 + PIO2_3 (to 119 bits); the first two have 33 bits, so q * PIO2_i is exact for q < 2^20. */
    private static final double PIO2_1 = 0x1.921fb54400000p0, PIO2_2 = 0x1.0b4611a600000p-34,
            PIO2_3 = 0x1.3198a2e037073p-69;
    /** Largest |x| that sin and cos reduce with the three-part pi/2 (quotient below 2^20); beyond, StrictMath. */
    static final double TRIG_MAX = 0x1p20;
    /** Below this |x|, f(x) rounds to x for expm1, log1p, sin and tanh; passing x through keeps the sign of zero. */
    private static final double TINY = 0x1p-54;

    private DoubleMath() {
    }

    /**
     * e^x. Reduction x = k ln2 + r with |r| <= ln2/2 (k by the shifter trick, r by two FMAs with
     * the Cody-Waite split of ln 2; the rounding error of r carried as rlo), e^r by its Taylor
     * polynomial of degree 13 in Horner form, times (1 + rlo), and the scale 2^k applied as two
     * exponent-built factors 2^(k/2) and 2^(k - k/2), so that subnormal results round once and
     * results beyond 2^1024 overflow to infinity. Max error 1 ulp.
     */
    static DoubleVector exp(DoubleVector x) {
        return expKernel(x, null);
    }

    /**
     * e^(x + lo) for a small correction lo, by {@link #exp}'s algorithm with lo added to rlo and
     * the sum rounded once; without lo (null: {@link #exp}), e^r (1 + rlo) in two roundings, which
     * is two ops cheaper and as accurate where rlo is tiny.
     */
    private static DoubleVector expKernel(DoubleVector x, DoubleVector lo) {
        var c = x.max(-746.0).min(710.0);   // e^x is 0 or inf beyond; NaN passes (max/min propagate it)
        var t = c.fma(LOG2E, SHIFTER);
        var k = t.sub(SHIFTER);
        var r1 = k.fma(DoubleVector.broadcast(D, -LN2_HI), c);
        var r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r1);
        var rlo = k.fma(DoubleVector.broadcast(D, -LN2_LO), r1.sub(r));   // the rounding error of r
        var q = expTail(r);
        DoubleVector p;
        if (lo == null) {
            p = r.fma(r.fma(q, r.broadcast(1.0)), r.broadcast(1.0));   // e^r = 1 + r (1 + r Q(r))
            p = p.fma(rlo, p);   // e^(r + rlo) = e^r (1 + rlo)
        } else {
            // e^(r + rlo) = 1 + r + r^2 Q(r) + rlo e^r, summed as (1 + r, split exactly) + the rest so
            // that p rounds once: a result that is exactly representable (2^-4, 10^5) comes out exact
            var onePlusR = r.add(1.0);
            var r2 = r.mul(r);
            var er = r2.fma(q, onePlusR);   // e^r, to double precision: rlo (up to 2^-44 in pow) multiplies it
            p = onePlusR.add(r2.fma(q, rlo.add(lo).fma(er, r.sub(onePlusR.sub(1.0)))));
        }
        var ki = t.reinterpretAsLongs().sub(SHIFTER_BITS);
        var k1 = ki.lanewise(ASHR, 1);
        var result = p.mul(k1.add(1023).lanewise(LSHL, 52).reinterpretAsDoubles())
                .mul(ki.sub(k1).add(1023).lanewise(LSHL, 52).reinterpretAsDoubles());
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * The first of x^y's loops (x^y = e^(y log x), log x in double-double to about 2^-64):
     * for normal 0 < x < inf (other lanes are garbage, which {@link #pow} replaces), x = 2^k m as
     * in {@link #log}, f = m - 1, s = f / (2 + f) = sh + sl; stores sh to {@code sh} and to
     * {@code low} the small terms of log m = 2 atanh s = 2s + (2/3) s^3 + s z^2 Q(z): the last
     * one, and those that carry the rounding errors, 2 sl (1 + z) and the error of (2/3) sh z
     * rounded (z = sh^2 rounded).
     */
    static void logQuotient(DoubleVector x, double[] sh, double[] low, int at) {
        var hx = x.reinterpretAsLongs().add(0x3ff0000000000000L - 0x3fe6a09e667f3bcdL);
        var f = hx.and(0x000fffffffffffffL).add(0x3fe6a09e667f3bcdL).reinterpretAsDoubles().sub(1.0);
        var d = f.add(2.0);
        var s = f.div(d);
        var z = s.mul(s);
        var rest = s.mul(z).mul(z).mul(atanhRest(z));   // helpers first: called late, C2 may leave them out of line
        var sl = s.neg().fma(d, f).sub(s.mul(f.sub(d.sub(2.0)))).div(d);   // (f - s d - s dl) / d, dl = 2 + f - d exactly
        var zl = s.fma(s, z.neg());   // s^2 - z, exactly
        var c = s.mul(z);
        var cl = s.fma(z, c.neg()).add(s.mul(zl));   // s^3 - c
        var cubeLo = c.fma(DoubleVector.broadcast(D, TWO_THIRDS_HI), c.mul(TWO_THIRDS_HI).neg())
                .add(c.mul(TWO_THIRDS_LO)).add(cl.mul(TWO_THIRDS_HI));   // (2/3) s^3 - (2/3) c rounded
        s.intoArray(sh, at);
        sl.mul(z.fma(2.0, 2.0)).add(cubeLo).add(rest).intoArray(low, at);
    }

    /**
     * The second of x^y's loops: log x as hi + lo from x and {@link #logQuotient}'s sh and low
     * (read from {@code hi} and {@code lo} and replaced): 2 sh + (2/3) sh z rounded + k ln2 (two
     * parts) with their rounding errors (Fast2Sum), and low.
     */
    static void logHiLo(DoubleVector x, double[] hi, double[] lo, int at) {
        var sh = DoubleVector.fromArray(D, hi, at);
        var z = sh.mul(sh);
        var hx = x.reinterpretAsLongs().add(0x3ff0000000000000L - 0x3fe6a09e667f3bcdL);
        var k = (DoubleVector) hx.lanewise(ASHR, 52).sub(1023).convert(L2D, 0);
        var cube = sh.mul(z).mul(TWO_THIRDS_HI);
        var twoSh = sh.mul(2.0);
        var kh = k.mul(LOG_LN2_HI);   // exact
        var h1 = kh.add(twoSh);   // |kh| >= |2 sh| unless k = 0, so Fast2Sum gives the errors
        var h2 = h1.add(cube);
        var l = twoSh.sub(h1.sub(kh)).add(cube.sub(h2.sub(h1))).add(DoubleVector.fromArray(D, lo, at))
                .add(k.mul(LOG_LN2_LO));
        var logHi = h2.add(l);
        logHi.intoArray(hi, at);
        l.sub(logHi.sub(h2)).intoArray(lo, at);   // Fast2Sum: |l| is far below |h2|
    }

    /**
     * The third of x^y's loops: y log x as th + tl with the product's exact error, from
     * {@link #logHiLo}'s hi and lo, which it replaces; tl is 0 where |th| is so large that e^th is
     * 0 or infinite anyway.
     */
    static void powExponent(DoubleVector y, double[] hi, double[] lo, int at) {
        var logHi = DoubleVector.fromArray(D, hi, at);
        var th = y.mul(logHi);
        var tl = y.fma(logHi, th.neg()).add(y.mul(DoubleVector.fromArray(D, lo, at)));
        th.intoArray(hi, at);
        tl.blend(0.0, th.abs().compare(GT, 1e3).or(th.test(IS_NAN))).intoArray(lo, at);
    }

    /**
     * The last of x^y's loops: e^(th + tl) from {@link #powExponent}, by {@link #exp}'s algorithm
     * with tl in the reduction's error term. Max error of x^y 1 ulp, and exact where the result is
     * representable; lanes where x is not normal and positive or y is not finite are left to C's
     * definition ({@code ScalarKernels.pow}: signs, zeros, subnormals, infinities, NaN, pow(1, y) = 1),
     * which the caller applies.
     */
    static DoubleVector powResult(DoubleVector th, DoubleVector tl) {
        return expKernel(th, tl);
    }

    /** Whether x^y takes C's scalar definition rather than {@link #powResult}: x not normal and positive, or y not finite. */
    static boolean powIsSpecial(double x, double y) {
        return !(x >= Double.MIN_NORMAL && x < Double.POSITIVE_INFINITY && Math.abs(y) < Double.POSITIVE_INFINITY);
    }

    /** Q(z) = 2/5 + 2z/7 + ... + 2z^11/27: the atanh series beyond its first two terms over s z^2 (truncated below 2^-70 of log m). */
    private static DoubleVector atanhRest(DoubleVector z) {
        var q = DoubleVector.broadcast(D, 2.0 / 27);
        return q.fma(z, z.broadcast(2.0 / 25)).fma(z, z.broadcast(2.0 / 23)).fma(z, z.broadcast(2.0 / 21))
                .fma(z, z.broadcast(2.0 / 19)).fma(z, z.broadcast(2.0 / 17)).fma(z, z.broadcast(2.0 / 15))
                .fma(z, z.broadcast(2.0 / 13)).fma(z, z.broadcast(2.0 / 11)).fma(z, z.broadcast(2.0 / 9))
                .fma(z, z.broadcast(2.0 / 7)).fma(z, z.broadcast(2.0 / 5));
    }

    /**
     * e^x - 1. The reduction of {@link #exp}, e^r - 1 = r + r^2 (1/2 + r/6 + ...) by its Taylor
     * polynomial of degree 14, then e^x - 1 = 2 (s (e^r - 1) + (s - 1/2)) with s = 2^(k-1) in one
     * FMA, which loses nothing to cancellation (k = 0 takes e^r - 1 itself). Max error 2 ulp.
     */
    static DoubleVector expm1(DoubleVector x) {
        var c = x.max(-50.0).min(710.0);   // e^x - 1 rounds to -1 below; NaN passes
        var t = c.fma(LOG2E, SHIFTER);
        var k = t.sub(SHIFTER);
        var r1 = k.fma(DoubleVector.broadcast(D, -LN2_HI), c);
        var r = k.fma(DoubleVector.broadcast(D, -LN2_LO), r1);
        var rlo = k.fma(DoubleVector.broadcast(D, -LN2_LO), r1.sub(r));   // the rounding error of r
        var p = expm1Taylor(r);
        p = p.add(1.0).fma(rlo, p);   // e^(r + rlo) - 1 = (e^r - 1) + e^r rlo
        var s = t.reinterpretAsLongs().sub(SHIFTER_BITS).add(1022).lanewise(LSHL, 52).reinterpretAsDoubles();
        var scaled = s.fma(p, s.sub(0.5)).mul(2.0);
        var result = scaled.blend(p, k.compare(EQ, 0.0)).blend(x, x.abs().compare(LT, TINY));
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * Natural logarithm. x = 2^k m with sqrt(1/2) <= m < sqrt(2) (subnormals scaled by 2^54 first),
     * then {@link #logKernel}. Max error 1 ulp.
     */
    static DoubleVector log(DoubleVector x) {
        var sub = x.compare(LT, Double.MIN_NORMAL);
        var u = x.blend(x.mul(0x1p54), sub);
        var r = logKernel(u, DoubleVector.zero(D), DoubleVector.zero(D).blend(-54.0, sub));
        var result = r.blend(x, x.compare(LT, Double.POSITIVE_INFINITY).not())   // +inf and NaN
                .blend(Double.NEGATIVE_INFINITY, x.compare(EQ, 0.0))
                .blend(Double.NaN, x.compare(LT, 0.0));
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * log(1 + x). u = 1 + x rounded, then {@link #logKernel} of u with the correction
     * (x - (u - 1)) / u, the first-order term of the rounding error of u (its numerator is exact).
     * Max error 1 ulp.
     */
    static DoubleVector log1p(DoubleVector x) {
        var u = x.add(1.0);
        var r = logKernel(u, x.sub(u.sub(1.0)).div(u), DoubleVector.zero(D));
        var result = r.blend(x, x.compare(LT, Double.POSITIVE_INFINITY).not().or(x.abs().compare(LT, TINY)))
                .blend(Double.NEGATIVE_INFINITY, x.compare(EQ, -1.0))
                .blend(Double.NaN, x.compare(LT, -1.0));
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * log(u) + c for normal 0 < u < inf, with the exponent taken as k + kOffset. Splits u = 2^k m
     * with sqrt(1/2) <= m < sqrt(2), f = m - 1 (exact), s = f / (2 + f), and log(1 + f) = f - f^2/2
     * + s (f^2/2 + R(s^2)) with R(z) = 2z/3 + 2z^2/5 + ... (the atanh series, to z^10) as in fdlibm;
     * k ln2 is added in two parts.
     */
    private static DoubleVector logKernel(DoubleVector u, DoubleVector c, DoubleVector kOffset) {
        var hx = u.reinterpretAsLongs().add(0x3ff0000000000000L - 0x3fe6a09e667f3bcdL);
        var k = ((DoubleVector) hx.lanewise(ASHR, 52).sub(1023).convert(L2D, 0)).add(kOffset);
        var f = hx.and(0x000fffffffffffffL).add(0x3fe6a09e667f3bcdL).reinterpretAsDoubles().sub(1.0);
        var hfsq = f.mul(f).mul(0.5);
        var s = f.div(f.add(2.0));
        var z = s.mul(s);
        var rz = atanhTail(z);
        var small = s.fma(hfsq.add(rz), k.fma(DoubleVector.broadcast(D, LOG_LN2_LO), c));
        return k.mul(LOG_LN2_HI).sub(hfsq.sub(small).sub(f));
    }

    /**
     * tanh x = sign(x) e / (e + 2) with e = e^(2|x|) - 1 from {@link #expm1}; |x| is capped at 22,
     * where the quotient already rounds to 1. Max error 3 ulp (near |x| = 0.2, where e + 2 rounds).
     */
    static DoubleVector tanh(DoubleVector x) {
        var e = expm1(x.abs().min(22.0).mul(2.0));
        var t = e.div(e.add(2.0));
        var result = t.reinterpretAsLongs().or(x.reinterpretAsLongs().and(SIGN)).reinterpretAsDoubles();
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * The logistic function 1 / (1 + e^-x), as e / (1 + e) below 0 so that e = e^-|x| never
     * overflows. Max error 2 ulp.
     */
    static DoubleVector sigmoid(DoubleVector x) {
        var e = exp(x.abs().neg());
        var s = DoubleVector.broadcast(D, 1.0).div(e.add(1.0));
        var result = s.blend(e.mul(s), x.compare(LT, 0.0));
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /**
     * log(1 + e^x) as max(x, 0) + log1p(e), given e = e^-|x| in (0, 1] (which never overflows)
     * from {@link #exp} in a loop of its own: inlined together they exceed C2's node budget.
     * log1p(e) is {@link #log1p}'s algorithm without its special cases, which e never needs.
     * Max error 2 ulp.
     */
    static DoubleVector softplus(DoubleVector x, DoubleVector e) {
        var u = e.add(1.0);
        var log1pE = logKernel(u, e.sub(u.sub(1.0)).div(u), DoubleVector.zero(D));
        var result = x.max(0.0).add(log1pE);
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /** sin x; see {@link #sinCos}. Max error 2 ulp; StrictMath itself beyond {@link #TRIG_MAX}. */
    static DoubleVector sin(DoubleVector x) {
        return sinCos(x, 0);
    }

    /** cos x; see {@link #sinCos}. Max error 2 ulp; StrictMath itself beyond {@link #TRIG_MAX}. */
    static DoubleVector cos(DoubleVector x) {
        return sinCos(x, 1);
    }

    /**
     * sin x (quadrantShift 0) or cos x = sin(x + pi/2) (quadrantShift 1). Cody-Waite reduction
     * r = x - q pi/2 with q = round(2x/pi) and pi/2 in three parts (exact products for q < 2^20,
     * one rounding per FMA), then the Taylor polynomials of sin r (to r^17) and cos r (to r^16) on
     * |r| <= pi/4, chosen and signed by the quadrant q mod 4. Lanes beyond {@link #TRIG_MAX} (and
     * infinities) are recomputed with StrictMath, as Payne-Hanek reduction would not pay here.
     */
    private static DoubleVector sinCos(DoubleVector x, int quadrantShift) {
        var t = x.fma(TWO_OVER_PI, SHIFTER);
        var q = t.sub(SHIFTER);
        var r = q.fma(DoubleVector.broadcast(D, -PIO2_1), x);
        r = q.fma(DoubleVector.broadcast(D, -PIO2_2), r);
        r = q.fma(DoubleVector.broadcast(D, -PIO2_3), r);
        var z = r.mul(r);
        var sinR = sinTaylor(r, z);
        var cosR = cosTaylor(z);
        var n = t.reinterpretAsLongs().add(quadrantShift);   // SHIFTER_BITS ends in zeros: the low bits are q's
        var odd = n.and(1L).compare(NE, 0L).cast(D);
        var v = sinR.blend(cosR, odd).reinterpretAsLongs().lanewise(XOR, n.and(2L).lanewise(LSHL, 62))
                .reinterpretAsDoubles();
        if (quadrantShift == 0) v = v.blend(x, x.abs().compare(LT, TINY));
        var big = x.abs().compare(GT, TRIG_MAX);
        var result = big.anyTrue() ? strictTrig(v, x, big, quadrantShift) : v;
        return result.blend(Double.NaN, result.test(IS_NAN));
    }

    /** v with the lanes in {@code big} replaced by StrictMath's sin (quadrantShift 0) or cos of x. */
    private static DoubleVector strictTrig(DoubleVector v, DoubleVector x, VectorMask<Double> big, int quadrantShift) {
        double[] out = v.toArray(), in = x.toArray();
        for (int i = 0; i < out.length; i++) {
            if (big.laneIsSet(i)) out[i] = quadrantShift == 0 ? StrictMath.sin(in[i]) : StrictMath.cos(in[i]);
        }
        return DoubleVector.fromArray(D, out, 0);
    }

    /** Q(r) = (e^r - 1 - r) / r^2 for |r| <= ln2/2: its Taylor polynomial of degree 11 (e^r's to r^13, truncation below 2^-60). */
    private static DoubleVector expTail(DoubleVector r) {
        var q = DoubleVector.broadcast(D, 1.0 / 6227020800.0);
        return q.fma(r, r.broadcast(1.0 / 479001600)).fma(r, r.broadcast(1.0 / 39916800))
                .fma(r, r.broadcast(1.0 / 3628800)).fma(r, r.broadcast(1.0 / 362880))
                .fma(r, r.broadcast(1.0 / 40320)).fma(r, r.broadcast(1.0 / 5040)).fma(r, r.broadcast(1.0 / 720))
                .fma(r, r.broadcast(1.0 / 120)).fma(r, r.broadcast(1.0 / 24)).fma(r, r.broadcast(1.0 / 6))
                .fma(r, r.broadcast(0.5));
    }

    /** e^r - 1 for |r| <= ln2/2: r + r^2 times the Taylor polynomial of (e^r - 1 - r) / r^2 to degree 12. */
    private static DoubleVector expm1Taylor(DoubleVector r) {
        var q = DoubleVector.broadcast(D, 1.0 / 87178291200.0);
        q = q.fma(r, r.broadcast(1.0 / 6227020800.0)).fma(r, r.broadcast(1.0 / 479001600))
                .fma(r, r.broadcast(1.0 / 39916800)).fma(r, r.broadcast(1.0 / 3628800))
                .fma(r, r.broadcast(1.0 / 362880)).fma(r, r.broadcast(1.0 / 40320)).fma(r, r.broadcast(1.0 / 5040))
                .fma(r, r.broadcast(1.0 / 720)).fma(r, r.broadcast(1.0 / 120)).fma(r, r.broadcast(1.0 / 24))
                .fma(r, r.broadcast(1.0 / 6)).fma(r, r.broadcast(0.5));
        return r.mul(r).fma(q, r);
    }

    /** R(z) = 2z/3 + 2z^2/5 + ... + 2z^10/21, the tail of 2 atanh(s) / s - 2 in z = s^2. */
    private static DoubleVector atanhTail(DoubleVector z) {
        var rz = DoubleVector.broadcast(D, 2.0 / 21);
        return rz.fma(z, z.broadcast(2.0 / 19)).fma(z, z.broadcast(2.0 / 17)).fma(z, z.broadcast(2.0 / 15))
                .fma(z, z.broadcast(2.0 / 13)).fma(z, z.broadcast(2.0 / 11)).fma(z, z.broadcast(2.0 / 9))
                .fma(z, z.broadcast(2.0 / 7)).fma(z, z.broadcast(2.0 / 5)).fma(z, z.broadcast(2.0 / 3)).mul(z);
    }

    /** sin r for |r| <= pi/4, z = r^2: the Taylor polynomial to r^17. */
    private static DoubleVector sinTaylor(DoubleVector r, DoubleVector z) {
        var ps = DoubleVector.broadcast(D, 1.0 / 355687428096000.0);
        ps = ps.fma(z, z.broadcast(-1.0 / 1307674368000.0)).fma(z, z.broadcast(1.0 / 6227020800.0))
                .fma(z, z.broadcast(-1.0 / 39916800)).fma(z, z.broadcast(1.0 / 362880))
                .fma(z, z.broadcast(-1.0 / 5040)).fma(z, z.broadcast(1.0 / 120)).fma(z, z.broadcast(-1.0 / 6));
        return r.mul(z).fma(ps, r);
    }

    /** cos r for |r| <= pi/4, z = r^2: the Taylor polynomial to r^16. */
    private static DoubleVector cosTaylor(DoubleVector z) {
        var pc = DoubleVector.broadcast(D, 1.0 / 20922789888000.0);
        pc = pc.fma(z, z.broadcast(-1.0 / 87178291200.0)).fma(z, z.broadcast(1.0 / 479001600))
                .fma(z, z.broadcast(-1.0 / 3628800)).fma(z, z.broadcast(1.0 / 40320))
                .fma(z, z.broadcast(-1.0 / 720)).fma(z, z.broadcast(1.0 / 24)).fma(z, z.broadcast(-0.5));
        return z.fma(pc, pc.broadcast(1.0));
    }
}
