package org.rjhub.bench;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.SimulatorConfig;

/**
 * Valid synthetic referrals of all three agencies, as the simulator mixes them, serialized once
 * with the project's Avro serializer (Confluent wire format) so that sending them costs the
 * sender nothing but the send.
 *
 * @param records the referrals in the agencies' order, each with a key unique to this set
 */
record ReferralSet(List<Serialized> records) {

    /**
     * One referral ready to send.
     *
     * @param topic the real (named) agency topic
     * @param key   the agency referral id, also in the value
     * @param value Avro binary with the registry's schema id in front
     */
    record Serialized(String topic, String key, byte[] value) {}

    ReferralSet {
        records = List.copyOf(records);
    }

    int size() {
        return records.size();
    }

    /** The mean value size in bytes. */
    int averageValueBytes() {
        return (int) Math.round(
                records.stream().mapToInt(r -> r.value().length).average().orElse(0));
    }

    /** The same records (bytes, keys, schema ids) sent to other topics: {@code topics} maps each topic's name. */
    ReferralSet onTopics(UnaryOperator<String> topics) {
        return new ReferralSet(records.stream()
                .map(r -> new Serialized(topics.apply(r.topic()), r.key(), r.value()))
                .toList());
    }

    List<String> keys() {
        return records.stream().map(Serialized::key).toList();
    }

    /**
     * Generates {@code count} clean referrals (no invalid, youth, out-of-area, redelivered or amended ones)
     * and makes each agency id unique by prefixing it with {@code idTag}: ids repeat across seeds.
     */
    static ReferralSet generate(
            KafkaConnection connection, UnaryOperator<String> naming, long seed, int count, String idTag) {
        List<AgencyRecord> picked = simulate(seed, count);
        var serializer = new AvroKafkaSerializer<SpecificRecord>();
        serializer.configure(new AvroSerdes(connection).clientConfig(), false);
        try {
            List<Serialized> out = new ArrayList<>(count);
            for (AgencyRecord r : picked) {
                String id = idTag + "-" + r.key();
                SpecificRecord value = withId(r, id);
                String topic = naming.apply(r.topic());
                out.add(new Serialized(topic, id, serializer.serialize(topic, value)));
            }
            return new ReferralSet(out);
        } finally {
            serializer.close();
        }
    }

    /** The first {@code count} records of one simulated batch large enough to hold them. */
    static List<AgencyRecord> simulate(long seed, int count) {
        AgencySimulator simulator =
                new AgencySimulator(seed, SimulatorConfig.defaults().cleanOnly());
        int incidents = Math.max(1, count);
        Batch batch = simulator.generate(incidents);
        while (batch.size() < count) {
            incidents = (int) Math.min(Integer.MAX_VALUE, (long) incidents * 2);
            batch = simulator.generate(incidents);
        }
        return batch.records().subList(0, count);
    }

    /** A copy of the record's value with its agency id field (referralId or vsCaseId) set to {@code id}. */
    static SpecificRecord withId(AgencyRecord r, String id) {
        SpecificRecord copy = SpecificData.get().deepCopy(r.value().getSchema(), r.value());
        copy.put(copy.getSchema().getField(r.agency().idField()).pos(), id);
        return copy;
    }
}
