package dev.jtensor.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * NumPy's float printing: the {@code FloatingFormat} of {@code numpy/_core/arrayprint.py} with the
 * default options (floatmode 'maxprec', precision 8, suppress=False) for arrays, and the {@code str()}
 * of a float32/float64 scalar.
 *
 * <p>An instance is built from the values that will be printed ({@link #forValues}) and decides, as
 * NumPy's {@code fillFormat} does, between positional and scientific notation and the padding that
 * gives every element the same width; {@link #format} then renders one element.
 *
 * <p>Digits follow NumPy's Dragon4 ({@link #dragon4}), computed from the exact binary value with
 * {@link BigDecimal}. The shortest digits mostly agree with {@link Double#toString} and
 * {@link Float#toString}, but those are not used as the digit source: NumPy never prefers a
 * two-digit result over a one-digit one (the JDK prints {@code Float.MIN_VALUE} as {@code 1.4E-45},
 * NumPy as {@code 1e-45}), rounds the exact value rather than the shortest digits when capping at 8
 * digits, and when asked for more digits than the shortest prints the value's true digits
 * ({@code np.float32(0.1)} with eight fraction digits is {@code 1.00000001e-01}, not
 * {@code 1.00000000e-01}).
 *
 * <p>Values are passed as {@code double}; a float32 value widened to double is exact, and
 * {@code single} selects float32's rounding interval and thresholds.
 */
final class FloatFormat {
    /** NumPy's default print precision: at most 8 digits after the decimal point. */
    private static final int PRECISION = 8;
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private final boolean single;
    private final boolean scientific;
    private final int padLeft;
    private final int padRight;
    /** Scientific notation only: digits after the mantissa's point, shared by all elements. */
    private final int fractionDigits;
    /** Scientific notation only: minimum digits of the exponent, shared by all elements. */
    private final int exponentDigits;

    private FloatFormat(boolean single, boolean scientific, int padLeft, int padRight,
                        int fractionDigits, int exponentDigits) {
        this.single = single;
        this.scientific = scientific;
        this.padLeft = padLeft;
        this.padRight = padRight;
        this.fractionDigits = fractionDigits;
        this.exponentDigits = exponentDigits;
    }

    /** The format NumPy's {@code FloatingFormat.fillFormat} derives from the printed values. */
    static FloatFormat forValues(double[] values, boolean single) {
        boolean scientific = needsScientific(values, single);
        int padLeft = 0, padRight = 0, fractionDigits = 0, exponentDigits = 0;
        boolean hasNonFinite = false, hasNegativeInfinity = false;
        for (double x : values) {
            if (!Double.isFinite(x)) {
                hasNonFinite = true;
                hasNegativeInfinity |= x == Double.NEGATIVE_INFINITY;
                continue;
            }
            String sign = isNegative(x) ? "-" : "";
            if (scientific) {
                Scientific s = Scientific.of(dragon4(Math.abs(x), single, Integer.MAX_VALUE,
                        leadingExponent(x) - PRECISION));
                padLeft = Math.max(padLeft, sign.length() + 1);
                fractionDigits = Math.max(fractionDigits, s.fraction().length());
                int digits = exponentText(s.exponent(), 2).length() - 1;   // without the sign
                exponentDigits = Math.max(exponentDigits, digits);
            } else {
                Positional p = Positional.of(dragon4(Math.abs(x), single, Integer.MAX_VALUE, -PRECISION));
                padLeft = Math.max(padLeft, sign.length() + p.integer().length());
                padRight = Math.max(padRight, p.fraction().length());
            }
        }
        if (scientific) {
            padRight = exponentDigits + 2 + fractionDigits;   // only used to pad nan and inf
        }
        if (hasNonFinite) {
            // nan and inf are right-aligned in the element width padLeft + 1 + padRight;
            // "nan" and "inf" are equally long, "-inf" needs one more column
            int offset = padRight + 1;
            padLeft = Math.max(padLeft, "inf".length() + (hasNegativeInfinity ? 1 : 0) - offset);
        }
        return new FloatFormat(single, scientific, padLeft, padRight, fractionDigits, exponentDigits);
    }

    /** One element, padded to the width shared by all elements (NumPy's {@code FloatingFormat.__call__}). */
    String format(double x) {
        if (!Double.isFinite(x)) {
            return padStart(nonFiniteText(x), padLeft + padRight + 1);
        }
        String sign = isNegative(x) ? "-" : "";
        if (scientific) {
            int lastDigit = leadingExponent(x) - fractionDigits;
            Scientific s = Scientific.of(dragon4(Math.abs(x), single, lastDigit, lastDigit));
            return padStart(sign + s.leading(), padLeft) + "." + padEnd(s.fraction(), fractionDigits, '0')
                    + "e" + exponentText(s.exponent(), exponentDigits);
        }
        Positional p = Positional.of(dragon4(Math.abs(x), single, Integer.MAX_VALUE, -PRECISION));
        return padStart(sign + p.integer(), padLeft) + "." + padEnd(p.fraction(), padRight, ' ');
    }

    /**
     * {@code str()} of a NumPy float scalar (and so of a 0-d array): the shortest unique digits,
     * positional for {@code 1e-4 <= |x| < 1e16} (1e6 for float32) with at least one fraction digit,
     * scientific with trailing zeros and point trimmed otherwise, e.g. {@code 0.1}, {@code 2.0},
     * {@code 1e+16}, {@code 1.5e-05}.
     */
    static String scalarToString(double x, boolean single) {
        if (!Double.isFinite(x)) {
            return nonFiniteText(x);
        }
        String sign = isNegative(x) ? "-" : "";
        double abs = Math.abs(x);
        BigDecimal digits = dragon4(abs, single, Integer.MAX_VALUE, Integer.MIN_VALUE);
        if (abs == 0 || (abs >= 1e-4 && abs < (single ? 1e6 : 1e16))) {
            Positional p = Positional.of(digits);
            return sign + p.integer() + "." + (p.fraction().isEmpty() ? "0" : p.fraction());
        }
        Scientific s = Scientific.of(digits);
        String fraction = s.fraction().isEmpty() ? "" : "." + s.fraction();
        return sign + s.leading() + fraction + "e" + exponentText(s.exponent(), 2);
    }

    /**
     * NumPy's choice of scientific notation, made on the finite non-zero magnitudes with the
     * comparisons done in the array's own dtype (float32 thresholds are float32 values, and the
     * large cutoff is {@code 10 ** min(8, finfo.precision)}: 1e6 for float32, 1e8 for float64).
     */
    private static boolean needsScientific(double[] values, boolean single) {
        double max = 0, min = Double.POSITIVE_INFINITY;
        for (double x : values) {
            if (Double.isFinite(x) && x != 0) {
                max = Math.max(max, Math.abs(x));
                min = Math.min(min, Math.abs(x));
            }
        }
        if (max == 0) {
            return false;
        }
        if (single) {
            float fMax = (float) max, fMin = (float) min;
            return fMax >= 1e6f || fMin < 1e-4f || fMax / fMin > 1000f;
        }
        return max >= 1e8 || min < 1e-4 || max / min > 1000.0;
    }

    /**
     * The decimal digits NumPy's Dragon4 prints for a finite {@code x >= 0}. Digit positions
     * (powers of ten of the last digit) are tried from the leading digit down. At each one the
     * candidates are x truncated and x rounded up there; a candidate is acceptable when it lies in
     * x's rounding interval, i.e. reads back as x (the end points count when x's significand is
     * even, as round-half-even sends them to x). Generation stops at the first
     * position with an acceptable candidate that is not above {@code minPosition}, or at
     * {@code maxPosition} at the latest. If exactly one candidate is acceptable it is the result,
     * otherwise the nearer one, ties to even.
     */
    static BigDecimal dragon4(double x, boolean single, int minPosition, int maxPosition) {
        if (x == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal exact = new BigDecimal(x);
        double gapBelow = x - (single ? Math.nextDown((float) x) : Math.nextDown(x));
        double gapAbove = single ? Math.ulp((float) x) : Math.ulp(x);
        BigDecimal low = exact.subtract(new BigDecimal(gapBelow).multiply(HALF));
        BigDecimal high = exact.add(new BigDecimal(gapAbove).multiply(HALF));
        // round-half-even reading maps the interval's end points to x when its significand is even
        long bits = single ? Float.floatToRawIntBits((float) x) : Double.doubleToRawLongBits(x);
        boolean endPointsIncluded = (bits & 1) == 0;
        for (int position = leadingExponent(exact); ; position--) {
            BigDecimal down = exact.setScale(-position, RoundingMode.FLOOR);
            BigDecimal up = exact.setScale(-position, RoundingMode.CEILING);
            boolean downOk = isAbove(down, low, endPointsIncluded);
            boolean upOk = isAbove(high, up, endPointsIncluded);
            if (((downOk || upOk) && position <= minPosition) || position <= maxPosition) {
                if (downOk != upOk) {
                    return downOk ? down : up;
                }
                return exact.setScale(-position, RoundingMode.HALF_EVEN);
            }
        }
    }

    private static boolean isAbove(BigDecimal a, BigDecimal b, boolean orEqual) {
        int comparison = a.compareTo(b);
        return comparison > 0 || (orEqual && comparison == 0);
    }

    /** Power of ten of the leading digit of a finite x (0 for zero). */
    private static int leadingExponent(double x) {
        return x == 0 ? 0 : leadingExponent(new BigDecimal(Math.abs(x)));
    }

    private static int leadingExponent(BigDecimal v) {
        return v.precision() - v.scale() - 1;
    }

    /** Integer and fraction digits of a non-negative decimal, trailing fraction zeros removed. */
    private record Positional(String integer, String fraction) {
        static Positional of(BigDecimal v) {
            String plain = v.stripTrailingZeros().toPlainString();
            int point = plain.indexOf('.');
            return point < 0 ? new Positional(plain, "")
                    : new Positional(plain.substring(0, point), plain.substring(point + 1));
        }
    }

    /** Mantissa digits (trailing zeros removed) and exponent of a non-negative decimal. */
    private record Scientific(String leading, String fraction, int exponent) {
        static Scientific of(BigDecimal v) {
            BigDecimal stripped = v.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Scientific(digits.substring(0, 1), digits.substring(1), leadingExponent(stripped));
        }
    }

    /** Signed exponent with at least {@code minDigits} digits, e.g. {@code -05}, {@code +100}. */
    private static String exponentText(int exponent, int minDigits) {
        return (exponent < 0 ? "-" : "+") + padStart(Integer.toString(Math.abs(exponent)), minDigits, '0');
    }

    private static String nonFiniteText(double x) {
        return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    }

    /** Sign bit set, so that -0.0 prints as {@code -0.}. */
    private static boolean isNegative(double x) {
        return Math.copySign(1.0, x) < 0;
    }

    private static String padStart(String s, int width) {
        return padStart(s, width, ' ');
    }

    private static String padStart(String s, int width, char fill) {
        return s.length() >= width ? s : String.valueOf(fill).repeat(width - s.length()) + s;
    }

    private static String padEnd(String s, int width, char fill) {
        return s.length() >= width ? s : s + String.valueOf(fill).repeat(width - s.length());
    }
}
