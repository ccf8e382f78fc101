package dev.jtensor.internal.io;

import dev.jtensor.InvalidArgumentException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors header, parsed and checked against the size of the data section that follows it;
 * every problem is found here, before a tensor is allocated.
 *
 * @param entries  the tensors in data order (their offsets are contiguous from 0)
 * @param metadata the {@code __metadata__} map, or null when absent
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {

    /** One tensor: its name, element kind, shape and byte range in the data section. */
    record Entry(String name, NpyDescr.Kind kind, int[] shape, long begin, long end) {
    }

    /**
     * Parses {@code bytes}, the header after its length, for a data section of {@code dataLength} bytes.
     *
     * @throws InvalidArgumentException {@code "safetensors: <path>: <problem>"}
     */
    static SafeTensorsHeader parse(byte[] bytes, long dataLength, Path path) {
        String text = decode(bytes, path);
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') end--;
        if (!text.startsWith("{") || end == 0 || text.charAt(end - 1) != '}') {
            throw SafeTensorsFormat.bad(path, "the header is not a JSON object padded with spaces (it starts with "
                    + Npy.printable(text.substring(0, Math.min(16, text.length()))) + " and ends with "
                    + Npy.printable(text.substring(Math.max(0, text.length() - 16))) + ")");
        }
        Object root;
        try {
            root = Json.parse(text.substring(0, end));
        } catch (Json.JsonException e) {
            throw SafeTensorsFormat.bad(path, "the header is not valid JSON (" + e.getMessage() + ")");
        }
        Map<String, String> metadata = null;
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, Object> item : asObject(root, "the header", path).entrySet()) {
            if (item.getKey().equals(SafeTensorsFormat.METADATA_KEY)) {
                metadata = metadata(item.getValue(), path);
            } else {
                entries.add(entry(item.getKey(), item.getValue(), path));
            }
        }
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin() != expected) {
                throw SafeTensorsFormat.bad(path, "tensor " + Json.quote(e.name()) + " has data_offsets [" + e.begin()
                        + ", " + e.end() + "] but " + (e.begin() < expected ? "the tensor before it ends at " + expected
                        + " (offsets overlap)" : "the data before it ends at " + expected + " (a gap)")
                        + "; tensors must lie one after another from offset 0");
            }
            expected = e.end();
        }
        if (expected != dataLength) {
            throw SafeTensorsFormat.bad(path, "the header describes " + expected + " bytes of tensor data but the file "
                    + "holds " + dataLength + " after the header (" + (dataLength < expected ? "it is truncated"
                    : "extra bytes at the end") + ")");
        }
        return new SafeTensorsHeader(List.copyOf(entries), metadata);
    }

    private static String decode(byte[] bytes, Path path) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw SafeTensorsFormat.bad(path, "the header is not valid UTF-8");
        }
    }

    private static Map<String, String> metadata(Object value, Path path) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : asObject(value, SafeTensorsFormat.METADATA_KEY, path).entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                throw SafeTensorsFormat.bad(path, SafeTensorsFormat.METADATA_KEY + " entry " + Json.quote(e.getKey())
                        + " must be a string, found " + e.getValue());
            }
            out.put(e.getKey(), s);
        }
        return out;
    }

    private static Entry entry(String name, Object value, Path path) {
        String what = "tensor " + Json.quote(name);
        Map<String, Object> info = asObject(value, what, path);
        Object dtype = info.get("dtype");
        if (!(dtype instanceof String code)) {
            throw SafeTensorsFormat.bad(path, what + " has no \"dtype\" string (found " + dtype + ")");
        }
        NpyDescr.Kind kind = switch (code) {
            case "F32" -> NpyDescr.Kind.F4;
            case "F64" -> NpyDescr.Kind.F8;
            case "I32" -> NpyDescr.Kind.I4;
            case "I64" -> NpyDescr.Kind.I8;
            case "BOOL" -> NpyDescr.Kind.B1;
            case "U8" -> NpyDescr.Kind.U1;
            case "I8" -> NpyDescr.Kind.I1;
            case "I16" -> NpyDescr.Kind.I2;
            case "U16" -> NpyDescr.Kind.U2;
            case "U32" -> NpyDescr.Kind.U4;
            default -> throw SafeTensorsFormat.bad(path, what + " has the unsupported dtype " + Json.quote(code)
                    + " (" + SafeTensorsFormat.supported() + ")");
        };
        List<Long> dims = integers(info.get("shape"), what + "'s \"shape\"", -1, path);
        List<Long> offsets = integers(info.get("data_offsets"), what + "'s \"data_offsets\"", 2, path);
        long begin = offsets.get(0);
        long end = offsets.get(1);
        if (end < begin) {
            throw SafeTensorsFormat.bad(path, what + " has data_offsets [" + begin + ", " + end + "] that end before they begin");
        }
        int[] shape = new int[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (dims.get(i) > Integer.MAX_VALUE) {
                throw SafeTensorsFormat.bad(path, what + " has shape " + dims + ": dimension " + dims.get(i)
                        + " is larger than a Java array can hold");
            }
            shape[i] = (int) (long) dims.get(i);
        }
        long count;
        try {
            count = NpyArray.elementCount(shape, "shape " + dims);
        } catch (NpyFormatException e) {
            throw SafeTensorsFormat.bad(path, what + ": " + e.getMessage().replace("npy: ", ""));
        }
        long bytes = count * kind.itemSize;
        if (end - begin != bytes) {
            throw SafeTensorsFormat.bad(path, what + " of dtype " + code + " and shape " + dims + " needs " + bytes
                    + " bytes, but its data_offsets [" + begin + ", " + end + "] span " + (end - begin));
        }
        return new Entry(name, kind, shape, begin, end);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value, String what, Path path) {
        if (value instanceof Map<?, ?> map) return (Map<String, Object>) map;
        throw SafeTensorsFormat.bad(path, what + " must be a JSON object, found " + value);
    }

    /** A JSON array of non-negative integers, of {@code length} items unless it is -1. */
    private static List<Long> integers(Object value, String what, int length, Path path) {
        if (!(value instanceof List<?> items) || (length >= 0 && items.size() != length)) {
            throw SafeTensorsFormat.bad(path, what + " must be an array of " + (length >= 0 ? length + " " : "")
                    + "non-negative integers, found " + value);
        }
        List<Long> out = new ArrayList<>();
        for (Object item : items) {
            if (!(item instanceof Long l) || l < 0) {
                throw SafeTensorsFormat.bad(path, what + " must hold non-negative integers, found " + item);
            }
            out.add(l);
        }
        return out;
    }
}
