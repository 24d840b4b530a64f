package org.rjhub.common.serde;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Compact binary serdes for a service's INTERNAL records whose earlier release wrote them as JSON ({@link JsonSerde}).
 * A value begins with a format byte ({@link #BINARY}), then what the record's writer writes to a {@link BinaryOut}
 * (read back from a {@link BinaryIn}); a value that begins with {@code '{'} is the JSON of the earlier release and is
 * still read, so a store or topic written by it needs no reset. Bytes that neither decode nor are JSON, are cut short
 * or leave bytes over fail with a {@link SerializationException}: the record's fault, never retried (dead-lettered by
 * the service's handler, as undecodable JSON is).
 */
public final class BinarySerde {

    /** The first byte of a binary value (never {@code '{'}, with which JSON begins). */
    public static final byte BINARY = 1;

    /** Writes a record's fields after the format byte. */
    public interface Writing<T> {
        void write(BinaryOut out, T value) throws IOException;
    }

    /** Reads what the {@link Writing} wrote. */
    public interface Reading<T> {
        T read(BinaryIn in) throws IOException;
    }

    private BinarySerde() {}

    /** Binary after the format byte, null as null; reads the JSON of {@code type} an earlier release wrote. */
    public static <T> Serde<T> of(Class<T> type, Writing<T> writing, Reading<T> reading) {
        return of(type, BINARY, writing, reading);
    }

    /**
     * As {@link #of(Class, Writing, Reading)} with a format byte of the record's own ({@code format}, never {@code
     * '{'}): a second binary form of a record whose store also holds values of the first ({@link #BINARY}), which its
     * reader tells apart by that byte.
     */
    public static <T> Serde<T> of(Class<T> type, byte format, Writing<T> writing, Reading<T> reading) {
        if (format == '{') {
            throw new IllegalArgumentException("a binary format byte cannot be JSON's '{'");
        }
        Deserializer<T> json = JsonSerde.of(type).deserializer();
        String name = type.getSimpleName();
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            BinaryOut out = new BinaryOut(256);
            try {
                out.writeByte(format);
                writing.write(out, value);
            } catch (IOException e) {
                throw new SerializationException("a " + name + " for " + topic + " does not encode", e);
            }
            return out.toByteArray();
        };
        Deserializer<T> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            if (bytes.length > 0 && bytes[0] == '{') {
                return json.deserialize(topic, bytes);
            }
            try {
                BinaryIn in = new BinaryIn(bytes);
                if (in.readByte() != format) {
                    throw new IOException("no format byte");
                }
                T value = reading.read(in);
                if (in.available() > 0) {
                    throw new IOException(in.available() + " bytes left over");
                }
                return value;
            } catch (IOException | RuntimeException e) {
                throw new SerializationException(
                        "a " + name + " on " + topic + " is neither binary nor JSON (" + bytes.length + " bytes)", e);
            }
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** A string as a presence flag, then its UTF-8 length and bytes. */
    public static void writeText(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** What {@link #writeText} wrote; a length past the bytes left is refused before anything is allocated. */
    public static String readText(BinaryIn in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        return in.readUtf8(count(in));
    }

    /** Moves past what {@link #writeText} wrote, checked as {@link #readText} checks it. */
    public static void skipText(BinaryIn in) throws IOException {
        if (in.readBoolean()) {
            in.skip(count(in));
        }
    }

    /** A length or count: not negative, and not more than the bytes left (each item takes at least one). */
    public static int count(BinaryIn in) throws IOException {
        return checked(in.readInt(), in);
    }

    /** A number from 0 to {@link Integer#MAX_VALUE} in one to five bytes, seven bits each, the lowest first. */
    public static void writeVarint(DataOutput out, int n) throws IOException {
        if (n < 0) {
            throw new IOException("a negative varint: " + n);
        }
        while ((n & ~0x7F) != 0) {
            out.writeByte((n & 0x7F) | 0x80);
            n >>>= 7;
        }
        out.writeByte(n);
    }

    /** What {@link #writeVarint} wrote. */
    public static int readVarint(DataInput in) throws IOException {
        int n = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = in.readUnsignedByte();
            if (shift == 28 && (b & 0xF8) != 0) {
                throw new IOException("a varint past " + Integer.MAX_VALUE);
            }
            n |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return n;
            }
        }
        throw new IllegalStateException("unreachable: the fifth byte ends a varint");
    }

    /** A length or count as a varint, checked as {@link #count} checks one. */
    public static int varCount(BinaryIn in) throws IOException {
        return checked(readVarint(in), in);
    }

    private static int checked(int n, BinaryIn in) throws IOException {
        if (n < 0 || n > in.available()) {
            throw new EOFException("a length of " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }
}
