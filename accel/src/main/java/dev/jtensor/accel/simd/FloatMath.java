package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 transcendental functions on vectors, deterministic for the reasons {@link DoubleMath}
 * gives (NaN results canonical, helpers called early): {@link DoubleMath}'s algorithms in float
 * lanes with float polynomials, which are twice as wide and half as long as the float64 ones.
 *
 * <p>Every bound below is the largest error against StrictMath's float64 result (the exact value
 * to float precision; a correctly rounded float is within 0.5) measured by
 * {@code VectorMathAccuracyTest} with {@code -Djtensor.mathSweep=20}, in units in the last place of
 * the float result; the test asserts the bound in parentheses. Special values match StrictMath
 * exactly.
 */
final class FloatMath {

    private static final VectorSpecies<Float> F = Species.FLOAT;

    /** 1.5 * 2^23: adding it rounds |v| < 2^22 to an integer, which lands in the low mantissa bits. */
    private static final float SHIFTER = 0x1.8p23f;
    private static final int SHIFTER_BITS = Float.floatToRawIntBits(SHIFTER);
    private static final float LOG2E = 0x1.715476p0f;
    /** ln 2 = LN2_HI + LN2_LO; LN2_HI is ln 2 rounded, so {@code x - k * LN2_HI} is exact in an FMA. */
    private static final float LN2_HI = 0x1.62e430p-1f, LN2_LO = -0x1.05c61p-29f;
    /** ln 2 split for log: LOG_LN2_HI has 16 bits, so {@code k * LOG_LN2_HI} is exact for every exponent k. */
    private static final float LOG_LN2_HI = 0x1.62e4p-1f, LOG_LN2_LO = 0x1.7f7d1cp-20f;
    private static final float TWO_OVER_PI = 0x1.45f306p-1f;
    /** pi/2 = PIO2_1 + PIO2_2 + PIO2_3 (to 72 bits), each the rounding of what the previous parts leave. */
    private static final float PIO2_1 = 0x1.921fb6p0f, PIO2_2 = -0x1.777a5cp-25f, PIO2_3 = -0x1.ee59dap-50f;
    /** Largest |x| that sin and cos reduce in float lanes; beyond, StrictMath. */
    static final float TRIG_MAX = 0x1p17f;
    /** Below this |x|, f(x) rounds to x for expm1, log1p, sin and tanh; passing x through keeps the sign of zero. */
    private static final float TINY = 0x1p-25f;

    private FloatMath() {
    }

    /**
     * e^x: {@link DoubleMath#exp}'s algorithm in float lanes, with e^r by its Taylor polynomial of
     * degree 7. Max error 0.88 ulp (asserted: 1).
     */
    static FloatVector exp(FloatVector x) {
        var c = x.max(-104f).min(89f);   // e^x is 0 or inf beyond; NaN passes (max/min propagate it)
        var t = c.fma(LOG2E, SHIFTER);
        var k = t.sub(SHIFTER);
        var r1 = k.fma(FloatVector.broadcast(F, -LN2_HI), c);
        var r = k.fma(FloatVector.broadcast(F, -LN2_LO), r1);
        var rlo = k.fma(FloatVector.broadcast(F, -LN2_LO), r1.sub(r));   // the rounding error of r
        var p = expTaylor(r);
        p = p.fma(rlo, p);   // e^(r + rlo) = e^r (1 + rlo)
        var ki = t.reinterpretAsInts().sub(SHIFTER_BITS);
        var k1 = ki.lanewise(ASHR, 1);
        var result = p.mul(k1.add(127).lanewise(LSHL, 23).reinterpretAsFloats())
                .mul(ki.sub(k1).add(127).lanewise(LSHL, 23).reinterpretAsFloats());
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * Natural logarithm: {@link DoubleMath#log}'s algorithm in float lanes, with the atanh series
     * to z^4 (subnormals scaled by 2^24 first). Max error 0.73 ulp (asserted: 1).
     */
    static FloatVector log(FloatVector x) {
        var sub = x.compare(LT, Float.MIN_NORMAL);
        var r = logKernel(x.blend(x.mul(0x1p24f), sub), FloatVector.zero(F), FloatVector.zero(F).blend(-24f, sub));
        var result = r.blend(x, x.compare(LT, Float.POSITIVE_INFINITY).not())   // +inf and NaN
                .blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f))
                .blend(Float.NaN, x.compare(LT, 0f));
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * The logistic function: 1 / (1 + e) for x >= 0 and e / (1 + e) below, e = e^-|x|, one division
     * each. Max error 2.13 ulp (asserted: 2.5).
     */
    static FloatVector sigmoid(FloatVector x) {
        var e = exp(x.abs().neg());
        var d = e.add(1f);
        var result = FloatVector.broadcast(F, 1f).blend(e, x.compare(LT, 0f)).div(d);
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * e^x - 1: {@link DoubleMath#expm1}'s algorithm in float lanes, with e^r - 1 by its Taylor
     * polynomial of degree 8. Max error 1.40 ulp (asserted: 1.5).
     */
    static FloatVector expm1(FloatVector x) {
        var c = x.max(-20f).min(89f);   // e^x - 1 rounds to -1 below; NaN passes
        var t = c.fma(LOG2E, SHIFTER);
        var k = t.sub(SHIFTER);
        var r1 = k.fma(FloatVector.broadcast(F, -LN2_HI), c);
        var r = k.fma(FloatVector.broadcast(F, -LN2_LO), r1);
        var rlo = k.fma(FloatVector.broadcast(F, -LN2_LO), r1.sub(r));   // the rounding error of r
        var p = expm1Taylor(r);
        p = p.add(1f).fma(rlo, p);   // e^(r + rlo) - 1 = (e^r - 1) + e^r rlo
        var s = t.reinterpretAsInts().sub(SHIFTER_BITS).add(126).lanewise(LSHL, 23).reinterpretAsFloats();
        var scaled = s.fma(p, s.sub(0.5f)).mul(2f);
        var result = scaled.blend(p, k.compare(EQ, 0f)).blend(x, x.abs().compare(LT, TINY));
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * log(1 + x): {@link DoubleMath#log1p}'s algorithm in float lanes (u = 1 + x rounded, the log
     * of u corrected by (x - (u - 1)) / u). Max error 0.79 ulp (asserted: 1).
     */
    static FloatVector log1p(FloatVector x) {
        var u = x.add(1f);
        var r = logKernel(u, x.sub(u.sub(1f)).div(u), FloatVector.zero(F));
        var result = r.blend(x, x.compare(LT, Float.POSITIVE_INFINITY).not().or(x.abs().compare(LT, TINY)))
                .blend(Float.NEGATIVE_INFINITY, x.compare(EQ, -1f))
                .blend(Float.NaN, x.compare(LT, -1f));
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * tanh x. Below |x| = 0.625, x + x^3 P(x^2) with P the least-squares fit of degree 5 that
     * {@code scripts/math/fit_tanh.py} computes (fit error 0.05 ulp); above, sign(x) (1 - 2 / (e + 1))
     * with e = e^(2|x|), |x| capped at 10 where the result already rounds to 1. Max error 1.30 ulp
     * (asserted: 1.5).
     */
    static FloatVector tanh(FloatVector x) {
        var a = x.abs();
        var z = a.mul(a);
        var p = FloatVector.broadcast(F, 0x1.1842fep-9f).fma(z, z.broadcast(-0x1.0bc5f0p-7f))
                .fma(z, z.broadcast(0x1.6380e4p-6f)).fma(z, z.broadcast(-0x1.b9ed7ep-5f))
                .fma(z, z.broadcast(0x1.111060p-3f)).fma(z, z.broadcast(-0x1.555554p-2f));
        var e = exp(a.min(10f).mul(2f));
        var big = FloatVector.broadcast(F, 1f).sub(FloatVector.broadcast(F, 2f).div(e.add(1f)));
        var small = a.mul(z).fma(p, a);
        var t = small.blend(big, a.compare(GE, 0.625f));
        var result = t.reinterpretAsInts().or(x.reinterpretAsInts().and(Integer.MIN_VALUE)).reinterpretAsFloats();
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /**
     * log(1 + e^x) as max(x, 0) + log1p(e) with e = e^-|x| in (0, 1]; u = 1 + e needs none of
     * log1p's special cases. The log kernel is written out: called after the inlined exp it would
     * be left out of line (C2's node budget), as float64 softplus was. Max error 1.48 ulp (asserted: 1.75).
     */
    static FloatVector softplus(FloatVector x) {
        var e = exp(x.abs().neg());
        var u = e.add(1f);
        var c = e.sub(u.sub(1f)).div(u);
        var hx = u.reinterpretAsInts().add(0x3f800000 - 0x3f3504f3);
        var k = (FloatVector) hx.lanewise(ASHR, 23).sub(127).convert(I2F, 0);
        var f = hx.and(0x007fffff).add(0x3f3504f3).reinterpretAsFloats().sub(1f);
        var hfsq = f.mul(f).mul(0.5f);
        var s = f.div(f.add(2f));
        var z = s.mul(s);
        var rz = FloatVector.broadcast(F, 2f / 9).fma(z, z.broadcast(2f / 7)).fma(z, z.broadcast(2f / 5))
                .fma(z, z.broadcast(2f / 3)).mul(z);
        var small = s.fma(hfsq.add(rz), k.fma(FloatVector.broadcast(F, LOG_LN2_LO), c));
        var result = x.max(0f).add(k.mul(LOG_LN2_HI).sub(hfsq.sub(small).sub(f)));
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /** sin x; see {@link #sinCos}. Max error 1.13 ulp (asserted: 1.25); StrictMath beyond {@link #TRIG_MAX}. */
    static FloatVector sin(FloatVector x) {
        return sinCos(x, 0);
    }

    /** cos x; see {@link #sinCos}. Max error 1.18 ulp (asserted: 1.25); StrictMath beyond {@link #TRIG_MAX}. */
    static FloatVector cos(FloatVector x) {
        return sinCos(x, 1);
    }

    /**
     * sin x (quadrantShift 0) or cos x (1): {@link DoubleMath#sinCos}'s algorithm in float lanes.
     * r = x - q pi/2 with pi/2 in three float parts: the first product cancels exactly (for q below
     * 2^24 the difference needs at most 24 bits); the second is split into its rounded value and
     * its exact error, and the rounding errors of that subtraction (by TwoSum) and the third part
     * are carried as rlo, so sin(r + rlo) = sin r + rlo cos r and cos(r + rlo) = cos r - rlo sin r
     * to first order. Taylor polynomials of sin r to r^11 and cos r to r^12 on |r| <= pi/4.
     */
    private static FloatVector sinCos(FloatVector x, int quadrantShift) {
        var t = x.fma(TWO_OVER_PI, SHIFTER);
        var q = t.sub(SHIFTER);
        var r1 = q.fma(FloatVector.broadcast(F, -PIO2_1), x);
        var h = q.mul(PIO2_2);
        var hlo = q.fma(FloatVector.broadcast(F, PIO2_2), h.neg());   // q PIO2_2 - h, exactly
        var r = r1.sub(h);
        var bb = r.sub(r1);
        var err = r1.sub(r.sub(bb)).sub(h.add(bb));   // TwoSum: (r1 - h) - r, exactly
        var rlo = q.fma(FloatVector.broadcast(F, -PIO2_3), err.sub(hlo));
        var z = r.mul(r);
        var sinR = sinTaylor(r, z);
        var cosR = cosTaylor(z);
        var n = t.reinterpretAsInts().add(quadrantShift);   // SHIFTER_BITS ends in zeros: the low bits are q's
        var odd = n.and(1).compare(NE, 0).cast(F);
        var sinFull = cosR.fma(rlo, sinR);
        var cosFull = sinR.neg().fma(rlo, cosR);
        var v = sinFull.blend(cosFull, odd).reinterpretAsInts().lanewise(XOR, n.and(2).lanewise(LSHL, 30))
                .reinterpretAsFloats();
        if (quadrantShift == 0) v = v.blend(x, x.abs().compare(LT, TINY));
        var big = x.abs().compare(GT, TRIG_MAX);
        var result = big.anyTrue() ? strictTrig(v, x, big, quadrantShift) : v;
        return result.blend(Float.NaN, result.test(IS_NAN));
    }

    /** v with the lanes in {@code big} replaced by StrictMath's sin (quadrantShift 0) or cos of x, rounded. */
    private static FloatVector strictTrig(FloatVector v, FloatVector x, VectorMask<Float> big, int quadrantShift) {
        float[] out = v.toArray(), in = x.toArray();
        for (int i = 0; i < out.length; i++) {
            if (big.laneIsSet(i)) out[i] = (float) (quadrantShift == 0 ? StrictMath.sin(in[i]) : StrictMath.cos(in[i]));
        }
        return FloatVector.fromArray(F, out, 0);
    }

    /** e^r - 1 for |r| <= ln2/2: r + r^2 times the Taylor polynomial of (e^r - 1 - r) / r^2 to degree 6. */
    private static FloatVector expm1Taylor(FloatVector r) {
        var q = FloatVector.broadcast(F, 1f / 40320);
        q = q.fma(r, r.broadcast(1f / 5040)).fma(r, r.broadcast(1f / 720)).fma(r, r.broadcast(1f / 120))
                .fma(r, r.broadcast(1f / 24)).fma(r, r.broadcast(1f / 6)).fma(r, r.broadcast(0.5f));
        return r.mul(r).fma(q, r);
    }

    /** sin r for |r| <= pi/4, z = r^2: the Taylor polynomial to r^11 (truncation below 2^-33). */
    private static FloatVector sinTaylor(FloatVector r, FloatVector z) {
        var ps = FloatVector.broadcast(F, -1f / 39916800);
        ps = ps.fma(z, z.broadcast(1f / 362880)).fma(z, z.broadcast(-1f / 5040)).fma(z, z.broadcast(1f / 120))
                .fma(z, z.broadcast(-1f / 6));
        return r.mul(z).fma(ps, r);
    }

    /** cos r for |r| <= pi/4, z = r^2: the Taylor polynomial to r^12 (truncation below 2^-38). */
    private static FloatVector cosTaylor(FloatVector z) {
        var pc = FloatVector.broadcast(F, 1f / 479001600);
        pc = pc.fma(z, z.broadcast(-1f / 3628800)).fma(z, z.broadcast(1f / 40320)).fma(z, z.broadcast(-1f / 720))
                .fma(z, z.broadcast(1f / 24)).fma(z, z.broadcast(-0.5f));
        return z.fma(pc, pc.broadcast(1f));
    }

    /**
     * log(u) + c for normal 0 < u < inf, with the exponent taken as k + kOffset:
     * {@link DoubleMath}'s log kernel in float lanes (the atanh series to z^4).
     */
    private static FloatVector logKernel(FloatVector u, FloatVector c, FloatVector kOffset) {
        var hx = u.reinterpretAsInts().add(0x3f800000 - 0x3f3504f3);
        var k = ((FloatVector) hx.lanewise(ASHR, 23).sub(127).convert(I2F, 0)).add(kOffset);
        var f = hx.and(0x007fffff).add(0x3f3504f3).reinterpretAsFloats().sub(1f);
        var hfsq = f.mul(f).mul(0.5f);
        var s = f.div(f.add(2f));
        var z = s.mul(s);
        var rz = atanhTail(z);
        var small = s.fma(hfsq.add(rz), k.fma(FloatVector.broadcast(F, LOG_LN2_LO), c));
        return k.mul(LOG_LN2_HI).sub(hfsq.sub(small).sub(f));
    }

    /** e^r for |r| <= ln2/2: the Taylor polynomial of degree 7 (truncation below 2^-27). */
    private static FloatVector expTaylor(FloatVector r) {
        var p = FloatVector.broadcast(F, 1f / 5040);
        return p.fma(r, r.broadcast(1f / 720)).fma(r, r.broadcast(1f / 120)).fma(r, r.broadcast(1f / 24))
                .fma(r, r.broadcast(1f / 6)).fma(r, r.broadcast(0.5f)).fma(r, r.broadcast(1f))
                .fma(r, r.broadcast(1f));
    }

    /** R(z) = 2z/3 + 2z^2/5 + 2z^3/7 + 2z^4/9, the tail of 2 atanh(s) / s - 2 in z = s^2. */
    private static FloatVector atanhTail(FloatVector z) {
        return FloatVector.broadcast(F, 2f / 9).fma(z, z.broadcast(2f / 7)).fma(z, z.broadcast(2f / 5))
                .fma(z, z.broadcast(2f / 3)).mul(z);
    }


}
