package org.rjhub.router.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.rjhub.agencies.AgencyRecord;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.agencies.mapping.Intake;
import org.rjhub.common.topics.TopicCatalogue;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.contracts.probation.ProbationReferral;
import org.rjhub.contracts.victimsupport.VictimSupportReferral;
import org.rjhub.router.routing.RoutingRules;
import org.rjhub.simulator.AgencySimulator;
import org.rjhub.simulator.Batch;
import org.rjhub.simulator.Expectation;

/**
 * The new intake rules refuse nothing an agency's real referral holds: every record of a large simulator batch
 * passes the topic limits and the name rules, and an invalid one is refused only for the rule the simulator broke.
 */
class SimulatorWithinContractTest {

    private static final TopicCatalogue CATALOGUE = TopicCatalogue.load();
    private static final Map<Integer, Schema> IDS = Map.of(
            1,
            PoliceReferral.getClassSchema(),
            2,
            ProbationReferral.getClassSchema(),
            3,
            VictimSupportReferral.getClassSchema());

    @Test
    void shouldAcceptEverySimulatedReferralWithinTheLimitsAndNameRules() {
        Batch batch = new AgencySimulator(20261205L).generate(1000);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            AgencyRecord r = batch.record(i);
            Expectation expected = batch.expectation(i);
            InvalidReferralException e = catchThrowableOfType(InvalidReferralException.class, () -> read(r));
            boolean allowed = e == null
                    || expected.kind() == Expectation.Kind.INVALID
                            && e.rule().name().equals(expected.rule().name());
            if (!allowed) {
                refused.add(i + " " + expected.kind() + ": " + e.rule() + " " + e.field());
            }
        }
        assertThat(refused).isEmpty();
    }

    private static void read(AgencyRecord r) {
        switch (r.agency()) {
            case POLICE ->
                read(
                        r,
                        1,
                        SourceAgency.POLICE,
                        "police.referrals.v1",
                        PoliceReferral.getClassSchema(),
                        PoliceReferral::getReferralId,
                        CanonicalMapper::police);
            case PROBATION ->
                read(
                        r,
                        2,
                        SourceAgency.PROBATION,
                        "probation.referrals.v1",
                        ProbationReferral.getClassSchema(),
                        ProbationReferral::getReferralId,
                        CanonicalMapper::probation);
            default ->
                read(
                        r,
                        3,
                        SourceAgency.VICTIM_SUPPORT,
                        "victimsupport.referrals.v1",
                        VictimSupportReferral.getClassSchema(),
                        VictimSupportReferral::getVsCaseId,
                        CanonicalMapper::victimSupport);
        }
    }

    private static <A extends SpecificRecord> void read(
            AgencyRecord r,
            int id,
            SourceAgency agency,
            String topic,
            Schema schema,
            Function<A, String> referralId,
            BiFunction<A, Instant, Intake> mapper) {
        var reader = new AgencyRecordReader<A>(
                agency,
                topic,
                schema,
                referralId,
                CATALOGUE.get(topic).limits().orElseThrow(),
                schemaId -> Optional.ofNullable(IDS.get(schemaId)));
        A value = reader.read(r.key(), wire(id, r.value()));
        ReferralValidator.validate(mapper.apply(value, Instant.parse("2026-11-02T10:00:00Z")), RoutingRules.defaults());
    }

    private static byte[] wire(int schemaId, SpecificRecord value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(new byte[] {0, 0, 0, 0, (byte) schemaId});
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            new SpecificDatumWriter<SpecificRecord>(value.getSchema()).write(value, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
