package dev.jtensor.internal.io;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Strict JSON (RFC 8259) for file headers: {@link #parse} gives objects as insertion-ordered maps,
 * arrays as lists, strings, integers as {@code Long}, other numbers as {@code Double}, booleans and
 * {@code null} (as {@link #NULL}); {@link #quote} writes a string as serde_json does. Duplicate keys,
 * trailing commas, unescaped control characters, leading zeros, integers beyond 64 bits and nesting
 * deeper than {@value #MAX_DEPTH} are errors, each a {@link JsonException} giving the offset.
 */
final class Json {

    /** JSON's {@code null}, so that maps can hold it. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    static final int MAX_DEPTH = 64;

    /** A malformed document; the message says what and where. */
    static final class JsonException extends Exception {
        private static final long serialVersionUID = 1L;

        JsonException(String message) {
            super(message);
        }
    }

    private final String text;
    private int at;

    private Json(String text) {
        this.text = text;
    }

    /** The value of {@code text}, which must hold exactly one value (surrounding whitespace allowed). */
    static Object parse(String text) throws JsonException {
        Json p = new Json(text);
        p.skipSpace();
        Object value = p.value(0);
        p.skipSpace();
        if (p.at != text.length()) {
            throw p.error("unexpected " + p.describe() + " after the value");
        }
        return value;
    }

    /** {@code s} as a JSON string literal: quotes, backslashes and control characters escaped as serde_json does. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    private Object value(int depth) throws JsonException {
        if (depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
        if (at >= text.length()) throw error("the text ends where a value should be");
        char c = text.charAt(at);
        return switch (c) {
            case '{' -> object(depth);
            case '[' -> array(depth);
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("unexpected " + describe() + " where a value should be");
            }
        };
    }

    private Map<String, Object> object(int depth) throws JsonException {
        at++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            at++;
            return map;
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a key (a string), found " + describe());
            int keyAt = at;
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            Object value = value(depth + 1);
            if (map.putIfAbsent(key, value) != null) {
                at = keyAt;
                throw error("duplicate key " + quote(key));
            }
            skipSpace();
            char c = peek();
            at++;
            if (c == '}') return map;
            if (c != ',') {
                at--;
                throw error("expected ',' or '}', found " + describe());
            }
        }
    }

    private List<Object> array(int depth) throws JsonException {
        at++;
        List<Object> list = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            at++;
            return list;
        }
        while (true) {
            skipSpace();
            list.add(value(depth + 1));
            skipSpace();
            char c = peek();
            at++;
            if (c == ']') return list;
            if (c != ',') {
                at--;
                throw error("expected ',' or ']', found " + describe());
            }
        }
    }

    private String string() throws JsonException {
        at++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (at >= text.length()) throw error("a string is not closed");
            char c = text.charAt(at++);
            if (c == '"') return sb.toString();
            if (c < 0x20) {
                at--;
                throw error("a control character (" + (int) c + ") inside a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (at >= text.length()) throw error("a string is not closed");
            char e = text.charAt(at++);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (at + 4 > text.length()) throw error("a \\u escape is cut off");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int digit = Character.digit(text.charAt(at++), 16);
                        if (digit < 0) throw error("a \\u escape has a non-hex digit");
                        code = code * 16 + digit;
                    }
                    sb.append((char) code);
                }
                default -> {
                    at--;
                    throw error("an invalid escape \\" + e);
                }
            }
        }
    }

    private Object number() throws JsonException {
        int start = at;
        if (peek() == '-') at++;
        if (peek() == '0') {
            at++;
            if (Character.isDigit(peek())) throw error("a number with a leading zero");
        } else if (!digits()) {
            throw error("a '-' without digits");
        }
        boolean integer = true;
        if (peek() == '.') {
            at++;
            integer = false;
            if (!digits()) throw error("a number without digits after '.'");
        }
        if (peek() == 'e' || peek() == 'E') {
            at++;
            integer = false;
            if (peek() == '+' || peek() == '-') at++;
            if (!digits()) throw error("a number without digits in its exponent");
        }
        String literal = text.substring(start, at);
        if (!integer) return new BigDecimal(literal).doubleValue();
        try {
            return Long.parseLong(literal);
        } catch (NumberFormatException e) {
            at = start;
            throw error("the integer " + literal + " does not fit in 64 bits");
        }
    }

    private boolean digits() {
        int start = at;
        while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') at++;
        return at > start;
    }

    private Object literal(String word, Object value) throws JsonException {
        if (!text.startsWith(word, at)) throw error("unexpected " + describe() + " where a value should be");
        at += word.length();
        return value;
    }

    private void expect(char c) throws JsonException {
        if (peek() != c) throw error("expected '" + c + "', found " + describe());
        at++;
    }

    private char peek() {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void skipSpace() {
        while (at < text.length() && " \t\n\r".indexOf(text.charAt(at)) >= 0) at++;
    }

    private String describe() {
        if (at >= text.length()) return "the end of the text";
        char c = text.charAt(at);
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("character U+%04X", (int) c);
    }

    private JsonException error(String problem) {
        return new JsonException("invalid JSON at character " + at + ": " + problem);
    }
}
