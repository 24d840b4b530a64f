package org.rjhub.common.serde;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * What {@link BinarySerde}'s writers write to: one value's bytes in an array that grows, written as {@code
 * DataOutputStream} writes them (big-endian), so {@link BinaryIn} and {@code DataInputStream} read them back. The JDK's
 * {@code DataOutputStream} writes an int as four calls to its stream, each taking the lock of a {@code
 * ByteArrayOutputStream}: half the time of encoding a block-member entry went there. Here a number is one bounds check
 * and one write.
 */
public final class BinaryOut implements DataOutput {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] bytes;
    private int size;

    /** @param capacity the bytes to make room for at first (the array doubles when it is full) */
    public BinaryOut(int capacity) {
        this.bytes = new byte[Math.max(16, capacity)];
    }

    /** A copy of the bytes written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    /** How many bytes have been written. */
    public int size() {
        return size;
    }

    /**
     * Makes room for {@code n} more bytes; where they go. (Called before {@code bytes} is read: the array may be a new
     * one after it.)
     */
    private int grow(int n) {
        int at = size;
        if (n > bytes.length - size) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, Math.addExact(size, n)));
        }
        size += n;
        return at;
    }

    @Override
    public void write(int b) {
        int at = grow(1);
        bytes[at] = (byte) b;
    }

    @Override
    public void write(byte[] b) {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        int at = grow(len);
        System.arraycopy(b, off, bytes, at, len);
    }

    @Override
    public void writeBoolean(boolean v) {
        write(v ? 1 : 0);
    }

    @Override
    public void writeByte(int v) {
        write(v);
    }

    @Override
    public void writeShort(int v) {
        int at = grow(2);
        SHORT.set(bytes, at, (short) v);
    }

    @Override
    public void writeChar(int v) {
        writeShort(v);
    }

    @Override
    public void writeInt(int v) {
        int at = grow(4);
        INT.set(bytes, at, v);
    }

    @Override
    public void writeLong(long v) {
        int at = grow(8);
        LONG.set(bytes, at, v);
    }

    @Override
    public void writeFloat(float v) {
        writeInt(Float.floatToIntBits(v));
    }

    @Override
    public void writeDouble(double v) {
        writeLong(Double.doubleToLongBits(v));
    }

    /** Each char's low byte, as {@code DataOutputStream#writeBytes} writes it. */
    @Override
    public void writeBytes(String s) {
        for (int i = 0; i < s.length(); i++) {
            write(s.charAt(i));
        }
    }

    @Override
    public void writeChars(String s) {
        for (int i = 0; i < s.length(); i++) {
            writeChar(s.charAt(i));
        }
    }

    /** Modified UTF-8 with its length, as {@code DataOutputStream} writes it (no format of ours uses it). */
    @Override
    public void writeUTF(String s) throws IOException {
        ByteArrayOutputStream utf = new ByteArrayOutputStream(s.length() + 2);
        new DataOutputStream(utf).writeUTF(s);
        write(utf.toByteArray());
    }
}
