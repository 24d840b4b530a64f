package org.rjhub.common.serde;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * What {@link BinarySerde}'s readers read from: the bytes of one value, read in place, as {@link DataInput} reads them
 * (big-endian, as {@code DataOutputStream} wrote them). The JDK's {@code DataInputStream} over a {@code
 * ByteArrayInputStream} takes a lock on every byte it reads, an int a byte at a time, and copies every string's bytes
 * before decoding them: over a million referrals of history those streams' own methods were a fifth of the router's
 * stream thread. Here a number is one bounds check and one read, and a string is decoded from the array itself
 * ({@link #readUtf8}).
 *
 * <p>Reading past the end throws {@link EOFException}, as {@code DataInputStream} does: bytes cut short are the
 * record's fault ({@link BinarySerde}).
 */
public final class BinaryIn implements DataInput {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final byte[] bytes;
    private int position;

    /** A reader of all of {@code bytes}, from the first. */
    public BinaryIn(byte[] bytes) {
        this(bytes, 0);
    }

    private BinaryIn(byte[] bytes, int position) {
        this.bytes = bytes;
        this.position = position;
    }

    /** Where the next byte is read from. */
    public int position() {
        return position;
    }

    /**
     * Another reader of the same bytes, from {@code position} (one this reader has been at): to come back later to a
     * part of a value passed over with {@link #skip}, without copying it.
     */
    public BinaryIn from(int position) {
        if (position < 0 || position > bytes.length) {
            throw new IllegalArgumentException("position " + position + " of " + bytes.length);
        }
        return new BinaryIn(bytes, position);
    }

    /** Moves past {@code n} bytes, which must be there. */
    public void skip(int n) throws EOFException {
        take(n);
    }

    /** How many bytes are left to read. */
    public int available() {
        return bytes.length - position;
    }

    /** Moves past {@code n} bytes that must be there; where it was. */
    private int take(int n) throws EOFException {
        if (n < 0 || n > bytes.length - position) {
            throw new EOFException("wanted " + n + " bytes with " + (bytes.length - position) + " left");
        }
        int at = position;
        position += n;
        return at;
    }

    /** The next {@code length} bytes decoded as UTF-8, without copying them first. */
    public String readUtf8(int length) throws IOException {
        return new String(bytes, take(length), length, StandardCharsets.UTF_8);
    }

    @Override
    public void readFully(byte[] b) throws IOException {
        readFully(b, 0, b.length);
    }

    @Override
    public void readFully(byte[] b, int off, int len) throws IOException {
        System.arraycopy(bytes, take(len), b, off, len);
    }

    @Override
    public int skipBytes(int n) {
        int skipped = Math.max(0, Math.min(n, available()));
        position += skipped;
        return skipped;
    }

    @Override
    public boolean readBoolean() throws IOException {
        return bytes[take(1)] != 0;
    }

    @Override
    public byte readByte() throws IOException {
        return bytes[take(1)];
    }

    @Override
    public int readUnsignedByte() throws IOException {
        return bytes[take(1)] & 0xFF;
    }

    @Override
    public short readShort() throws IOException {
        return (short) SHORT.get(bytes, take(2));
    }

    @Override
    public int readUnsignedShort() throws IOException {
        return readShort() & 0xFFFF;
    }

    @Override
    public char readChar() throws IOException {
        return (char) readShort();
    }

    @Override
    public int readInt() throws IOException {
        return (int) INT.get(bytes, take(4));
    }

    @Override
    public long readLong() throws IOException {
        return (long) LONG.get(bytes, take(8));
    }

    @Override
    public float readFloat() throws IOException {
        return Float.intBitsToFloat(readInt());
    }

    @Override
    public double readDouble() throws IOException {
        return Double.longBitsToDouble(readLong());
    }

    /** Not a format of ours: lines are for text, and the JDK deprecated {@code DataInputStream}'s. */
    @Override
    public String readLine() {
        throw new UnsupportedOperationException("a binary value has no lines");
    }

    @Override
    public String readUTF() throws IOException {
        return DataInputStream.readUTF(this);
    }
}
