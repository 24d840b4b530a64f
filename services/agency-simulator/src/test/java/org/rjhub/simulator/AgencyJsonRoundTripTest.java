package org.rjhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;

/** Every record the simulator makes survives the agencies' JSON form unchanged. */
class AgencyJsonRoundTripTest {

    @ParameterizedTest
    @EnumSource(Agency.class)
    void shouldRoundTripEveryAgencysRecordsThroughJson(Agency agency) {
        // Given every record of that agency in a generated batch (including invalid and amended ones)
        var batch = new AgencySimulator(31).generate(300);
        var values = batch.indexesOf(agency).stream()
                .map(i -> batch.record(i).value())
                .toList();
        assertThat(values).isNotEmpty();

        // When written and read back
        var back = roundTrip(AgencyJson.forAgency(agency), values);

        // Then
        assertThat(back).isEqualTo(values);
    }

    private static <T extends SpecificRecord> List<T> roundTrip(AgencyJson<T> json, List<SpecificRecord> values) {
        var typed = values.stream().map(json.type()::cast).toList();
        return json.read(json.write(typed));
    }
}
