package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 transcendental functions on vectors, deterministic for the reasons {@link DoubleMath}
 * gives (NaN results canonical, helpers called early), in float lanes with float polynomials. The
 * other float32 functions (log1p, expm1, tanh, softplus, sin, cos) widen to float64, run
 * {@link DoubleMath} and round back once (see {@code FloatRows}): measured max error 0.5 ulp,
 * asserted 1 ulp (a float64 result within 3 ulp can still round the wrong way near a tie).
 *
 * <p>Every bound below is the largest error against StrictMath's float64 result rounded to float
 * (the correctly rounded result but for rare ties) measured by {@code VectorMathAccuracyTest},
 * which asserts it, in units in the last place of the float result. Special values match
 * StrictMath exactly.
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
        var u = x.blend(x.mul(0x1p24f), sub);
        var hx = u.reinterpretAsInts().add(0x3f800000 - 0x3f3504f3);
        var k = ((FloatVector) hx.lanewise(ASHR, 23).sub(127).convert(I2F, 0))
                .sub(FloatVector.zero(F).blend(24f, sub));
        var f = hx.and(0x007fffff).add(0x3f3504f3).reinterpretAsFloats().sub(1f);
        var hfsq = f.mul(f).mul(0.5f);
        var s = f.div(f.add(2f));
        var z = s.mul(s);
        var rz = atanhTail(z);
        var small = s.fma(hfsq.add(rz), k.mul(LOG_LN2_LO));
        var r = k.mul(LOG_LN2_HI).sub(hfsq.sub(small).sub(f));
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
