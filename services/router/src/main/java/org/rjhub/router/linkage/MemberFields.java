package org.rjhub.router.linkage;

import static org.rjhub.common.serde.BinarySerde.readText;
import static org.rjhub.common.serde.BinarySerde.skipText;
import static org.rjhub.common.serde.BinarySerde.writeText;

import java.io.DataOutput;
import java.io.IOException;
import java.time.LocalDate;
import org.rjhub.common.serde.BinaryIn;

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
    static BlockProbe.Member read(BinaryIn in, String referral, int partyIndex, String role) throws IOException {
        boolean normalised = in.readBoolean();
        String forename = readText(in);
        String surname = readText(in);
        LocalDate dob = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
        String postcode = readText(in);
        String addressLine = readText(in);
        return new BlockProbe.Member(
                referral, partyIndex, role, forename, surname, dob, postcode, addressLine, normalised);
    }

    /** Moves past the matching fields {@link #write} wrote, reading only their lengths. */
    static void skip(BinaryIn in) throws IOException {
        in.readBoolean();
        skipText(in);
        skipText(in);
        if (in.readBoolean()) {
            in.skip(Long.BYTES);
        }
        skipText(in);
        skipText(in);
    }
}
