package dev.jtensor.accel;

import java.util.Locale;

/**
 * Where a tensor's value lives: a device type and an index, printed {@code cpu:0}, {@code gpu:1}.
 * The CPU is always there ({@link #CPU}); other devices come from {@link Backend} providers found
 * with {@link java.util.ServiceLoader} (see {@link Backends}).
 *
 * {@snippet :
 * Device gpu = Device.parse("gpu:0");
 * gpu.type();     // "gpu"
 * gpu.index();    // 0
 * }
 *
 * @param type  lower-case device kind: {@code cpu}, {@code gpu}, ...
 * @param index which device of that kind, from 0
 */
public record Device(String type, int index) {

    /** The host CPU, where tensors live unless placed elsewhere. */
    public static final Device CPU = new Device("cpu", 0);

    /**
     * Checks and normalises the parts.
     *
     * @throws IllegalArgumentException if the type is blank or holds a colon, or the index is negative
     */
    public Device {
        if (type == null || type.isBlank() || type.contains(":")) {
            throw new IllegalArgumentException("Device: the type must be a word such as cpu or gpu, got " + type);
        }
        if (index < 0) {
            throw new IllegalArgumentException("Device: the index must be non-negative, got " + index);
        }
        type = type.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads {@code cpu:0}, {@code GPU:1}, TensorFlow's {@code /device:GPU:0} or a bare type ({@code cpu}, index 0).
     *
     * @throws IllegalArgumentException if {@code spec} is not of that form
     */
    public static Device parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("Device.parse: the device name is null");
        }
        String s = spec.trim();
        if (s.regionMatches(true, 0, "/device:", 0, 8)) {
            s = s.substring(8);
        }
        int colon = s.lastIndexOf(':');
        if (colon < 0) {
            return new Device(s, 0);
        }
        try {
            return new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Device.parse: '" + spec + "' is not a device name such as cpu:0 or gpu:1");
        }
    }

    /** {@code type:index}, such as {@code cpu:0}. */
    @Override
    public String toString() {
        return type + ":" + index;
    }
}
