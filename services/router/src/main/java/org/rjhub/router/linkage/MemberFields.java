package org.rjhub.router.linkage;

import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

/**
 * A block member's matching fields in binary, in order, each a presence flag then its value (a date as its epoch day):
 * what {@link SealedLinkage} seals under the referral's data key and {@link BlockSerdes} stores of a member in clear.
 */
final class MemberFields {

    private MemberFields() {}

    /** Writes {@code m}'s matching fields. */
    static void write(DataOutput out, BlockProbe.Member m) throws IOException {
        out.writeBoolean(m.normalised());
        writeText(out, m.forename());
        writeText(out, m.surname());
        out.writeBoolean(m.dateOfBirth() != null);
        if (m.dateOfBirth() != null) {
            out.writeLong(m.dateOfBirth().toEpochDay());
        }
        writeText(out, m.postcode());
        writeText(out, m.addressLine());
    }

    /** The matching fields {@link #write} wrote, as the member of {@code referral} at {@code partyIndex}. */
    static BlockProbe.Member read(DataInputStream in, String referral, int partyIndex, String role) throws IOException {
        boolean normalised = in.readBoolean();
        String forename = readText(in);
        String surname = readText(in);
        LocalDate dob = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
        String postcode = readText(in);
        String addressLine = readText(in);
        return new BlockProbe.Member(
                referral, partyIndex, role, forename, surname, dob, postcode, addressLine, normalised);
    }

    /** A string as a presence flag, then its UTF-8 length and bytes. */
    static void writeText(DataOutput out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }
    }

    /** What {@link #writeText} wrote; a length past the bytes left is refused before anything is allocated. */
    static String readText(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        byte[] b = new byte[count(in)];
        in.readFully(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /** A length or count: not negative, and not more than the bytes left (each item takes at least one). */
    static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new EOFException("a length of " + n + " with " + in.available() + " bytes left");
        }
        return n;
    }
}
