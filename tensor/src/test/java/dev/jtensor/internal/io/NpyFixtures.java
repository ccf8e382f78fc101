package dev.jtensor.internal.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The NumPy-written fixtures under {@code fixtures/npy/} and helpers to build malformed files. */
final class NpyFixtures {

    private static final String DIR = "/fixtures/npy/";

    private NpyFixtures() {}

    /**
     * One manifest line: an array NumPy wrote and what jtensor must read from it.
     *
     * @param file      the fixture file
     * @param key       the key inside an .npz, or null for an .npy file
     * @param identical whether jtensor must write the very same bytes
     */
    record Expected(String file, String key, String dtype, int[] shape, boolean identical, String[] values) {

        NpyArray array() {
            int n = values.length;
            Object data = switch (dtype) {
                case "float32" -> { float[] a = new float[n]; for (int i = 0; i < n; i++) a[i] = (float) number(values[i]); yield a; }
                case "float64" -> { double[] a = new double[n]; for (int i = 0; i < n; i++) a[i] = number(values[i]); yield a; }
                case "int32" -> { int[] a = new int[n]; for (int i = 0; i < n; i++) a[i] = Integer.parseInt(values[i]); yield a; }
                case "int64" -> { long[] a = new long[n]; for (int i = 0; i < n; i++) a[i] = Long.parseLong(values[i]); yield a; }
                case "bool" -> { boolean[] a = new boolean[n]; for (int i = 0; i < n; i++) a[i] = values[i].equals("1"); yield a; }
                default -> throw new IllegalStateException(dtype);
            };
            return new NpyArray(dtype, shape, data);
        }

        /** Parses Python's repr of a float; float32 values go through double, which is exact. */
        private static double number(String s) {
            return switch (s) {
                case "nan" -> Double.NaN;
                case "inf" -> Double.POSITIVE_INFINITY;
                case "-inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(s);
            };
        }

        @Override
        public String toString() {
            return key == null ? file : file + ":" + key;
        }
    }

    static List<Expected> manifest() {
        List<Expected> out = new ArrayList<>();
        for (String line : lines("manifest.txt")) {
            String[] f = line.split("\t", -1);
            String[] name = f[0].split(":", 2);
            out.add(new Expected(name[0], name.length > 1 ? name[1] : null, f[1], dims(f[2]),
                    f[3].equals("yes"), f[4].isEmpty() ? new String[0] : f[4].split(" ")));
        }
        return out;
    }

    /** The .npy fixtures of the manifest. */
    static List<Expected> npyFiles() {
        return manifest().stream().filter(e -> e.key() == null).toList();
    }

    /** Lines of a fixture text file without comments. */
    static List<String> lines(String name) {
        return new String(bytes(name), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
    }

    /** Comma-separated dimensions; an item {@code VxN} stands for N copies of V. */
    static int[] dims(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        List<Integer> dims = new ArrayList<>();
        for (String item : s.split(",")) {
            String[] run = item.split("x");
            int copies = run.length > 1 ? Integer.parseInt(run[1]) : 1;
            for (int i = 0; i < copies; i++) {
                dims.add(Integer.parseInt(run[0]));
            }
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    static byte[] bytes(String name) {
        try (InputStream in = NpyFixtures.class.getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name
                        + "; run python3 scripts/fixtures/gen_npy_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path path(String name) {
        try {
            return Path.of(NpyFixtures.class.getResource(DIR + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A .npy file with the given version and raw header text (no padding added) followed by data. */
    static byte[] npy(int major, String header, byte[] data) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return npy(major, text, data);
    }

    static byte[] npy(int major, byte[] header, byte[] data) {
        int lengthSize = major == 1 ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(8 + lengthSize + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        return b.put(header).put(data).array();
    }

    /** A v1.0 file whose header has the given descr and shape text, followed by {@code dataBytes} zeros. */
    static byte[] npy(String descr, String shape, int dataBytes) {
        return npy(1, "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }\n",
                new byte[dataBytes]);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] prefix(byte[] b, int n) {
        return Arrays.copyOf(b, n);
    }
}
