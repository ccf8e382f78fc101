package dev.jtensor.internal.io;

import java.nio.ByteOrder;

/**
 * A parsed dtype descr such as {@code <f4}: the element layout on disk and the dtype it is read as.
 *
 * @param kind  the element type on disk
 * @param order the byte order of multi-byte elements
 */
record NpyDescr(Kind kind, ByteOrder order) {

    /** Element types jtensor reads; the narrow integer types widen to a dtype that holds them all. */
    enum Kind {
        F4("f4", 4, "float32"), F8("f8", 8, "float64"), I4("i4", 4, "int32"), I8("i8", 8, "int64"),
        B1("b1", 1, "bool"),
        I1("i1", 1, "int32"), U1("u1", 1, "int32"), I2("i2", 2, "int32"), U2("u2", 2, "int32"),
        U4("u4", 4, "int64");  // int32 cannot hold values above 2^31 - 1

        final String code;
        final int itemSize;
        final String dtype;

        Kind(String code, int itemSize, String dtype) {
            this.code = code;
            this.itemSize = itemSize;
            this.dtype = dtype;
        }
    }

    /**
     * Parses a descr string from a header.
     *
     * @throws NpyFormatException naming the descr if it is not one jtensor reads
     */
    static NpyDescr parse(String descr) {
        if (descr.length() == 3 && "<>=|".indexOf(descr.charAt(0)) >= 0) {
            for (Kind k : Kind.values()) {
                if (descr.endsWith(k.code)) {
                    // '=' and '|' mean native order, which is how NumPy reads them too.
                    ByteOrder order = switch (descr.charAt(0)) {
                        case '<' -> ByteOrder.LITTLE_ENDIAN;
                        case '>' -> ByteOrder.BIG_ENDIAN;
                        default -> ByteOrder.nativeOrder();
                    };
                    return new NpyDescr(k, order);
                }
            }
        }
        throw new NpyFormatException("npy: unsupported dtype '" + Npy.printable(descr) + "' (jtensor reads float32, "
                + "float64, int32, int64 and bool, and widens int8, int16, uint8, uint16 and uint32)");
    }

    /** The little-endian descr jtensor writes for a dtype, as NumPy spells it. */
    static String forWriting(String dtype) {
        return switch (dtype) {
            case "float32" -> "<f4";
            case "float64" -> "<f8";
            case "int32" -> "<i4";
            case "int64" -> "<i8";
            case "bool" -> "|b1";
            default -> throw new NpyFormatException("npy: unknown dtype '" + dtype + "'");
        };
    }
}
