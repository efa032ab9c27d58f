package org.livercast.learn.slide;

import java.util.ArrayList;
import java.util.List;

/**
 * Protocol Buffers' wire format, as much of it as rewriting an ONNX model needs without its generated classes (the
 * project carries no protobuf runtime): a message read as its fields, in order, each with the span of bytes it came
 * from; and a message written as {@link Chunks} — pieces of the source and small new arrays, laid out once at the end,
 * so that a gigabyte of weights a rewrite leaves alone is never copied on the way up through the nested messages.
 */
final class ProtoWire {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private ProtoWire() {}

    /**
     * One field of a message. {@code value} is the varint's value (wire type 0); {@code from}/{@code to} the payload's
     * bytes (the length-delimited bytes, or the fixed 4 or 8); {@code start} where its tag began.
     */
    record Field(int number, int wireType, long value, int start, int from, int to) {
        String string(byte[] buffer) {
            return new String(buffer, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Thrown when bytes are not a protobuf message: where, and why. */
    static final class MalformedException extends Exception {
        MalformedException(String message) { super(message); }
    }

    /** The fields of the message in {@code buffer[from, to)}, in the order written. */
    static List<Field> fields(byte[] buffer, int from, int to) throws MalformedException {
        List<Field> fields = new ArrayList<>();
        int[] at = {from};
        while (at[0] < to) {
            int start = at[0];
            long tag = varint(buffer, at, to);
            int number = (int) (tag >>> 3);
            int wireType = (int) (tag & 7);
            if (number <= 0) throw new MalformedException("field number " + number + " at byte " + start);
            switch (wireType) {
                case VARINT -> {
                    int valueFrom = at[0];
                    long value = varint(buffer, at, to);
                    fields.add(new Field(number, wireType, value, start, valueFrom, at[0]));
                }
                case FIXED64, FIXED32 -> {
                    int size = wireType == FIXED64 ? 8 : 4;
                    if (to - at[0] < size) throw new MalformedException("a fixed field runs past its message at byte " + start);
                    fields.add(new Field(number, wireType, 0, start, at[0], at[0] + size));
                    at[0] += size;
                }
                case LENGTH_DELIMITED -> {
                    long length = varint(buffer, at, to);
                    if (length < 0 || length > to - at[0]) throw new MalformedException("field " + number + " at byte " + start + " says "
                            + length + " bytes, " + (to - at[0]) + " are left");
                    fields.add(new Field(number, wireType, 0, start, at[0], at[0] + (int) length));
                    at[0] += (int) length;
                }
                default -> throw new MalformedException("wire type " + wireType + " (field " + number + ") at byte " + start);
            }
        }
        return fields;
    }

    private static long varint(byte[] buffer, int[] at, int to) throws MalformedException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (at[0] >= to) throw new MalformedException("a varint runs past its message at byte " + at[0]);
            int b = buffer[at[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new MalformedException("a varint longer than 10 bytes at byte " + at[0]);
    }

    /** A message being written: pieces in order, each a slice of some array (the source's bytes or new ones). */
    static final class Chunks {
        private final List<byte[]> arrays = new ArrayList<>();
        private final List<int[]> spans = new ArrayList<>();
        private long length;

        long length() { return length; }

        /** Bytes as they are (a field the rewrite leaves alone is copied from the source by reference). */
        Chunks raw(byte[] buffer, int from, int to) {
            if (to > from) {
                arrays.add(buffer);
                spans.add(new int[] {from, to});
                length += to - from;
            }
            return this;
        }

        Chunks field(byte[] source, Field f) { return raw(source, f.start(), f.to()); }

        Chunks varintField(int number, long value) {
            byte[] out = new byte[20];
            int n = putVarint(out, 0, ((long) number << 3) | VARINT);
            n = putVarint(out, n, value);
            return raw(out, 0, n);
        }

        Chunks bytesField(int number, byte[] value) {
            header(number, value.length);
            return raw(value, 0, value.length);
        }

        Chunks stringField(int number, String value) { return bytesField(number, value.getBytes(java.nio.charset.StandardCharsets.UTF_8)); }

        /** A nested message, its pieces taken over (not copied). */
        Chunks messageField(int number, Chunks message) {
            header(number, message.length);
            arrays.addAll(message.arrays);
            spans.addAll(message.spans);
            length += message.length;
            return this;
        }

        private void header(int number, long payload) {
            byte[] out = new byte[20];
            int n = putVarint(out, 0, ((long) number << 3) | LENGTH_DELIMITED);
            n = putVarint(out, n, payload);
            raw(out, 0, n);
        }

        /** The message written to {@code out}, piece by piece (no array of the whole). */
        void writeTo(java.io.OutputStream out) throws java.io.IOException {
            for (int i = 0; i < arrays.size(); i++) {
                int[] s = spans.get(i);
                out.write(arrays.get(i), s[0], s[1] - s[0]);
            }
        }

        /** The message as one array. */
        byte[] toByteArray() {
            if (length > Integer.MAX_VALUE - 16) throw new IllegalStateException(length + " bytes do not fit one array");
            byte[] out = new byte[(int) length];
            int at = 0;
            for (int i = 0; i < arrays.size(); i++) {
                int[] s = spans.get(i);
                System.arraycopy(arrays.get(i), s[0], out, at, s[1] - s[0]);
                at += s[1] - s[0];
            }
            return out;
        }

        private static int putVarint(byte[] out, int at, long value) {
            while ((value & ~0x7FL) != 0) {
                out[at++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            out[at++] = (byte) value;
            return at;
        }
    }
}
