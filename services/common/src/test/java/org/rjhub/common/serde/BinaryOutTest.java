package org.rjhub.common.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class BinaryOutTest {

    /** Every kind of write DataOutput has, so both outputs are given the same calls. */
    private static void writeEverything(DataOutput out) throws IOException {
        out.writeBoolean(true);
        out.writeBoolean(false);
        out.writeByte(-3);
        out.write(250);
        out.writeShort(-12_345);
        out.writeChar('ë');
        out.writeInt(Integer.MIN_VALUE + 7);
        out.writeLong(-1_700_000_000_123L);
        out.writeFloat(2.5f);
        out.writeDouble(-0.1);
        out.writeUTF("Zoë O'Néil – Ħarlow");
        out.writeBytes("Thurrock");
        out.writeChars("Ħ1");
        out.write(new byte[] {1, 2, 3, 4, 5}, 1, 3);
        out.write(new byte[] {6});
    }

    @Test
    void shouldWriteTheBytesADataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(expected)) {
            writeEverything(out);
        }
        BinaryOut out = new BinaryOut(0);

        writeEverything(out);

        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(out.size()).isEqualTo(expected.size());
    }

    @Test
    void shouldGrowPastItsFirstCapacityKeepingWhatWasWritten() {
        BinaryOut out = new BinaryOut(16);
        byte[] big = new byte[1_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) i;
        }

        out.writeInt(42);
        out.write(big);
        out.writeLong(7L);

        BinaryIn in = new BinaryIn(out.toByteArray());
        assertThat(in.available()).isEqualTo(4 + 1_000 + 8);
        assertThat(out.toByteArray()).startsWith(0, 0, 0, 42);
        assertThat(out.toByteArray()).endsWith(0, 0, 0, 0, 0, 0, 0, 7);
    }
}
