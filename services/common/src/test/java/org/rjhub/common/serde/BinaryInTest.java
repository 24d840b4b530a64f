package org.rjhub.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinaryInTest {

    @Test
    void shouldReadBackWhatADataOutputStreamWrote() throws IOException {
        String text = "Zoë O'Néil – Ħarlow";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeBoolean(true);
            out.writeBoolean(false);
            out.writeByte(-3);
            out.writeByte(250);
            out.writeShort(-12_345);
            out.writeShort(54_321);
            out.writeChar('ë');
            out.writeInt(Integer.MIN_VALUE + 7);
            out.writeLong(-1_700_000_000_123L);
            out.writeFloat(2.5f);
            out.writeDouble(-0.1);
            out.writeUTF(text);
            out.writeInt(utf8.length);
            out.write(utf8);
            out.write(new byte[] {9, 8, 7});
        }
        BinaryIn in = new BinaryIn(bytes.toByteArray());

        assertThat(in.readBoolean()).isTrue();
        assertThat(in.readBoolean()).isFalse();
        assertThat(in.readByte()).isEqualTo((byte) -3);
        assertThat(in.readUnsignedByte()).isEqualTo(250);
        assertThat(in.readShort()).isEqualTo((short) -12_345);
        assertThat(in.readUnsignedShort()).isEqualTo(54_321);
        assertThat(in.readChar()).isEqualTo('ë');
        assertThat(in.readInt()).isEqualTo(Integer.MIN_VALUE + 7);
        assertThat(in.readLong()).isEqualTo(-1_700_000_000_123L);
        assertThat(in.readFloat()).isEqualTo(2.5f);
        assertThat(in.readDouble()).isEqualTo(-0.1);
        assertThat(in.readUTF()).isEqualTo(text);
        assertThat(in.readUtf8(in.readInt())).isEqualTo(text);
        assertThat(in.available()).isEqualTo(3);
        byte[] last = new byte[2];
        in.readFully(last);
        assertThat(last).containsExactly(9, 8);
        assertThat(in.skipBytes(5)).isEqualTo(1);
        assertThat(in.available()).isZero();
    }

    @Test
    void shouldRefuseToReadPastTheEndAndLeaveTheRestReadable() throws IOException {
        BinaryIn in = new BinaryIn(new byte[] {0, 0, 1});

        assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class).hasMessageContaining("wanted 4 bytes");
        assertThatThrownBy(() -> in.readUtf8(4)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.readUtf8(-1)).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> in.readFully(new byte[4])).isInstanceOf(EOFException.class);
        assertThat(in.readShort()).isZero();
        assertThat(in.readUnsignedByte()).isEqualTo(1);
        assertThatThrownBy(in::readByte).isInstanceOf(EOFException.class);
    }
}
