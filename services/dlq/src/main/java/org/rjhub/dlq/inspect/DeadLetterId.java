package org.rjhub.dlq.inspect;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a dead letter is on the dead-letter topic: its own partition and offset, written {@code 1:42}.
 * A reference typed by an operator may leave the partition out ({@code 42}) when only one partition has
 * a dead letter at that offset.
 *
 * @param partition partition of the dead letter
 * @param offset    offset of the dead letter
 */
public record DeadLetterId(int partition, long offset) implements Comparable<DeadLetterId> {

    public DeadLetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException(
                    "partition and offset must not be negative: " + partition + ":" + offset);
        }
    }

    @Override
    public String toString() {
        return partition + ":" + offset;
    }

    @Override
    public int compareTo(DeadLetterId other) {
        int byPartition = Integer.compare(partition, other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    /**
     * What an operator typed: {@code PARTITION:OFFSET} or {@code OFFSET}.
     *
     * @param partition the partition, when given
     * @param offset    the offset
     */
    public record Ref(OptionalInt partition, long offset) {

        /** Parses {@code 1:42} or {@code 42}. */
        public static Ref parse(String text) {
            String t = text == null ? "" : text.trim();
            String[] parts = t.split(":", -1);
            try {
                if (parts.length == 1) {
                    return new Ref(OptionalInt.empty(), nonNegative(Long.parseLong(parts[0])));
                }
                if (parts.length == 2) {
                    return new Ref(
                            OptionalInt.of((int) nonNegative(Integer.parseInt(parts[0]))),
                            nonNegative(Long.parseLong(parts[1])));
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("'" + text + "' is not a dead letter: give PARTITION:OFFSET as "
                    + "`hub dlq list` prints it (e.g. 1:42), or OFFSET alone");
        }

        /** The id when the partition was given. */
        public Optional<DeadLetterId> exact() {
            return partition.isPresent()
                    ? Optional.of(new DeadLetterId(partition.getAsInt(), offset))
                    : Optional.empty();
        }

        public boolean matches(DeadLetterId id) {
            return id.offset() == offset && (partition.isEmpty() || partition.getAsInt() == id.partition());
        }

        @Override
        public String toString() {
            return partition.isPresent() ? partition.getAsInt() + ":" + offset : Long.toString(offset);
        }

        private static long nonNegative(long n) {
            if (n < 0) {
                throw new NumberFormatException("negative");
            }
            return n;
        }
    }
}
