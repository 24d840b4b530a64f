package org.rjhub.simulator;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.AgencyRecord;

/**
 * What one {@link AgencySimulator#generate(int)} call produced: the records in arrival order, and the truth.
 *
 * @param seed         the seed it was generated with
 * @param records      the records in the order the agencies send them
 * @param expectations the truth for each record, same index as {@code records}
 * @param people       every synthetic person with the records that mention them
 */
public record Batch(long seed, List<AgencyRecord> records, List<Expectation> expectations, List<PersonRecord> people) {

    public Batch {
        records = List.copyOf(records);
        expectations = List.copyOf(expectations);
        people = List.copyOf(people);
        if (records.size() != expectations.size()) {
            throw new IllegalArgumentException("one expectation per record");
        }
    }

    /** The number of records. */
    public int size() {
        return records.size();
    }

    /** The record at an index. */
    public AgencyRecord record(int index) {
        return records.get(index);
    }

    /** The truth for the record at an index. */
    public Expectation expectation(int index) {
        return expectations.get(index);
    }

    /** Indexes of the records of one agency, in order. */
    public List<Integer> indexesOf(Agency agency) {
        return IntStream.range(0, records.size())
                .filter(i -> records.get(i).agency() == agency)
                .boxed()
                .toList();
    }

    /** Indexes of the records with one verdict, in order. */
    public List<Integer> indexesOf(Expectation.Kind kind) {
        return IntStream.range(0, records.size())
                .filter(i -> expectations.get(i).kind() == kind)
                .boxed()
                .toList();
    }

    /** How many records of each verdict. */
    public Map<Expectation.Kind, Integer> countsByKind() {
        Map<Expectation.Kind, Integer> counts = new EnumMap<>(Expectation.Kind.class);
        for (var kind : Expectation.Kind.values()) {
            counts.put(kind, 0);
        }
        expectations.forEach(e -> counts.merge(e.kind(), 1, Integer::sum));
        return counts;
    }

    /** The person with this id. */
    public Optional<PersonRecord> person(String personId) {
        return people.stream().filter(p -> p.personId().equals(personId)).findFirst();
    }
}
