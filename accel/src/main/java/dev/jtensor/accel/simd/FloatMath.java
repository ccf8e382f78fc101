package dev.jtensor.accel.simd;

import static jdk.incubator.vector.VectorOperators.*;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * float32 transcendental functions on vectors, deterministic for the reasons {@link DoubleMath}
 * gives. exp, log and sigmoid (the hot ones) run in float lanes with float polynomials; the others
 * widen each half of the vector to float64, run {@link DoubleMath} and round back, which costs
 * about twice the lanes but leaves a single rounding to float.
 *
 * <p>Every bound below is the largest error against StrictMath's float64 result rounded to float
 * (the correctly rounded result but for rare ties) measured by {@code VectorMathAccuracyTest},
 * which asserts it, in units in the last place of the float result. Special values match
 * StrictMath exactly.
 */
final class FloatMath {

    private static final VectorSpecies<Float> F = Species.FLOAT;
    private static final VectorSpecies<Double> D = Species.DOUBLE;
    /** The upper half of a float vector: where the second widened half lands when narrowed back. */
    private static final VectorMask<Float> UPPER = F.indexInRange(-F.length() / 2, F.length() / 2);

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
     * degree 7. Max error 1 ulp.
     */
    static FloatVector exp(FloatVector x) {
        var c = x.max(-104f).min(89f);   // e^x is 0 or inf beyond; NaN passes (max/min propagate it)
        var t = c.fma(LOG2E, SHIFTER);
        var k = t.sub(SHIFTER);
        var r1 = k.fma(FloatVector.broadcast(F, -LN2_HI), c);
        var r = k.fma(FloatVector.broadcast(F, -LN2_LO), r1);
        var rlo = k.fma(FloatVector.broadcast(F, -LN2_LO), r1.sub(r));   // the rounding error of r
        var p = FloatVector.broadcast(F, 1f / 5040);
        p = p.fma(r, r.broadcast(1f / 720)).fma(r, r.broadcast(1f / 120)).fma(r, r.broadcast(1f / 24)).fma(r, r.broadcast(1f / 6)).fma(r, r.broadcast(0.5f)).fma(r, r.broadcast(1f)).fma(r, r.broadcast(1f));
        p = p.fma(rlo, p);   // e^(r + rlo) = e^r (1 + rlo)
        var ki = t.reinterpretAsInts().sub(SHIFTER_BITS);
        var k1 = ki.lanewise(ASHR, 1);
        return canonicalNaN(p.mul(pow2(k1)).mul(pow2(ki.sub(k1))));
    }

    /** 2^k for integer lanes -126 <= k <= 127, built in the exponent field. */
    private static FloatVector pow2(IntVector k) {
        return k.add(127).lanewise(LSHL, 23).reinterpretAsFloats();
    }

    /**
     * Natural logarithm: {@link DoubleMath#log}'s algorithm in float lanes, with the atanh series
     * to z^4 (subnormals scaled by 2^24 first). Max error 1 ulp.
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
        var rz = FloatVector.broadcast(F, 2f / 9).fma(z, z.broadcast(2f / 7)).fma(z, z.broadcast(2f / 5)).fma(z, z.broadcast(2f / 3)).mul(z);
        var small = s.fma(hfsq.add(rz), k.mul(LOG_LN2_LO));
        var r = k.mul(LOG_LN2_HI).sub(hfsq.sub(small).sub(f));
        return canonicalNaN(r.blend(x, x.compare(LT, Float.POSITIVE_INFINITY).not())   // +inf and NaN
                .blend(Float.NEGATIVE_INFINITY, x.compare(EQ, 0f))
                .blend(Float.NaN, x.compare(LT, 0f)));
    }

    /** The logistic function, as {@link DoubleMath#sigmoid} in float lanes. Max error 2 ulp. */
    static FloatVector sigmoid(FloatVector x) {
        var e = exp(x.abs().neg());
        var d = e.add(1f);
        return canonicalNaN(FloatVector.broadcast(F, 1f).blend(e, x.compare(LT, 0f)).div(d));
    }

    /** log(1 + x) through {@link DoubleMath#log1p}. Max error 1 ulp. */
    static FloatVector log1p(FloatVector x) {
        return narrow(DoubleMath.log1p(widen(x, 0)), DoubleMath.log1p(widen(x, 1)));
    }

    /** e^x - 1 through {@link DoubleMath#expm1}. Max error 1 ulp. */
    static FloatVector expm1(FloatVector x) {
        return narrow(DoubleMath.expm1(widen(x, 0)), DoubleMath.expm1(widen(x, 1)));
    }

    /** tanh x through {@link DoubleMath#tanh}. Max error 1 ulp. */
    static FloatVector tanh(FloatVector x) {
        return narrow(DoubleMath.tanh(widen(x, 0)), DoubleMath.tanh(widen(x, 1)));
    }

    /** log(1 + e^x) through {@link DoubleMath#softplus}. Max error 1 ulp. */
    static FloatVector softplus(FloatVector x) {
        return narrow(DoubleMath.softplus(widen(x, 0)), DoubleMath.softplus(widen(x, 1)));
    }

    /** sin x through {@link DoubleMath#sin} (StrictMath's beyond its range). Max error 1 ulp. */
    static FloatVector sin(FloatVector x) {
        return narrow(DoubleMath.sin(widen(x, 0)), DoubleMath.sin(widen(x, 1)));
    }

    /** cos x through {@link DoubleMath#cos} (StrictMath's beyond its range). Max error 1 ulp. */
    static FloatVector cos(FloatVector x) {
        return narrow(DoubleMath.cos(widen(x, 0)), DoubleMath.cos(widen(x, 1)));
    }

    /** Lanes {@code part * L/2 ..} of x, widened exactly to float64. */
    private static DoubleVector widen(FloatVector x, int part) {
        return (DoubleVector) x.convertShape(F2D, D, part);
    }

    /** The float vector of lo's lanes then hi's, each rounded to float. */
    private static FloatVector narrow(DoubleVector lo, DoubleVector hi) {
        var l = (FloatVector) lo.convertShape(D2F, F, 0);
        return l.blend((FloatVector) hi.convertShape(D2F, F, -1), UPPER);
    }

    /**
     * v with every NaN lane replaced by Float.NaN: an operation on two NaNs returns either one's bits
     * depending on operand order, which the JIT may change, so NaN bits are made canonical.
     */
    private static FloatVector canonicalNaN(FloatVector v) {
        return v.blend(Float.NaN, v.test(IS_NAN));
    }
}
