package dev.jtensor.accel.simd;

import static org.junit.jupiter.api.Assertions.*;

import dev.jtensor.accel.BinaryOp;
import dev.jtensor.accel.UnaryOp;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * The transcendental SIMD rows give the same bits interpreted and compiled: a child JVM run with
 * {@code -Xint} (where the Vector API runs its Java fallback) prints the bits of every function (pow included) on
 * rows of awkward lengths, and this JVM, after enough calls for C2 to compile the kernels,
 * computes the same rows and compares.
 */
@DisabledIfSystemProperty(named = "jtensor.backend", matches = "scalar", disabledReason = "tests the SIMD rows directly")
class VectorMathDeterminismTest {

    static final UnaryOp[] OPS = {UnaryOp.EXP, UnaryOp.LOG, UnaryOp.LOG1P, UnaryOp.EXPM1, UnaryOp.TANH,
        UnaryOp.SIGMOID, UnaryOp.SOFTPLUS, UnaryOp.SIN, UnaryOp.COS};
    static final int[] SIZES = {1, 7, 17, 1000, 4099};

    /** Each function on each row length, float32 then float64, one lane's bits per line in hex. */
    static List<String> bits() {
        List<String> out = new ArrayList<>();
        for (UnaryOp op : OPS) {
            for (int n : SIZES) {
                double[] x = inputs(n);
                float[] xf = new float[n], yf = new float[n];
                for (int i = 0; i < n; i++) xf[i] = (float) x[i];
                FloatRows.unary(op, xf, 0, yf, 0, n);
                double[] y = new double[n];
                DoubleRows.unary(op, x, 0, y, 0, n);
                StringBuilder line = new StringBuilder(op + " " + n);
                for (float v : yf) line.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
                for (double v : y) line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
                out.add(line.toString());
            }
        }
        for (int n : SIZES) {
            double[] x = inputs(n), y = exponents(n), z = new double[n];
            float[] xf = new float[n], yf = new float[n], zf = new float[n];
            for (int i = 0; i < n; i++) {
                xf[i] = (float) x[i];
                yf[i] = (float) y[i];
            }
            FloatRows.binary(BinaryOp.POW, xf, 0, yf, 0, zf, 0, n);
            DoubleRows.binary(BinaryOp.POW, x, 0, y, 0, z, 0, n);
            StringBuilder line = new StringBuilder("POW " + n);
            for (float v : zf) line.append(' ').append(Integer.toHexString(Float.floatToRawIntBits(v)));
            for (double v : z) line.append(' ').append(Long.toHexString(Double.doubleToRawLongBits(v)));
            out.add(line.toString());
        }
        return out;
    }

    /** pow's exponents: every third an integer, so negative bases take part. */
    private static double[] exponents(int n) {
        SplittableRandom random = new SplittableRandom(-n);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = i % 3 == 0 ? random.nextInt(-9, 9) : random.nextDouble(-9, 9);
        return y;
    }

    /** Wide-ranging inputs with a few special values, the same for every length. */
    private static double[] inputs(int n) {
        SplittableRandom random = new SplittableRandom(n);
        double[] x = new double[n];
        double[] specials = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-40, 100};
        for (int i = 0; i < n; i++) {
            x[i] = i % 11 == 3 ? specials[(i / 11) % specials.length] : Math.scalb(random.nextDouble(-2, 2), random.nextInt(-8, 8));
        }
        return x;
    }

    /** Entry point of the interpreted child JVM. */
    public static void main(String[] args) {
        bits().forEach(System.out::println);
    }

    @Test
    void interpretedAndCompiledGiveTheSameBits() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xint");
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-") || arg.startsWith("-Djtensor.")) command.add(arg);
        }
        command.addAll(List.of("--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                VectorMathDeterminismTest.class.getName()));
        Path out = Files.createTempFile("vector-math-bits", ".txt");
        Process child = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // warm up while the child runs
        float[] wf = new float[64];
        double[] wd = new double[64];
        for (int i = 0; i < 64; i++) wd[i] = wf[i] = i / 8f - 4;
        for (int rep = 0; rep < 20_000; rep++) {
            for (UnaryOp op : OPS) {
                FloatRows.unary(op, wf, 0, new float[64], 0, 64);
                DoubleRows.unary(op, wd, 0, new double[64], 0, 64);
            }
            FloatRows.binary(BinaryOp.POW, wf, 0, wf, 0, new float[64], 0, 64);
            DoubleRows.binary(BinaryOp.POW, wd, 0, wd, 0, new double[64], 0, 64);
        }
        List<String> compiled = bits();

        assertEquals(0, child.waitFor());
        List<String> interpreted = Files.readAllLines(out);
        Files.delete(out);
        assertEquals(compiled.size(), interpreted.size());
        for (int i = 0; i < compiled.size(); i++) {
            String[] want = interpreted.get(i).split(" "), got = compiled.get(i).split(" ");
            for (int j = 2; j < want.length; j++) {
                int lane = j - 2, n = Integer.parseInt(want[1]);
                String where = want[0] + (lane < n ? " float32" : " float64") + " length " + n + " lane " + lane % n;
                assertEquals(want[j], got[j], where);
            }
        }
    }
}
