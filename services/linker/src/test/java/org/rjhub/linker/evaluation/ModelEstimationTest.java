package org.rjhub.linker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rjhub.matching.PersonRecord;

class ModelEstimationTest {

    @Test
    void shouldTrainEachSessionOnTrueDuplicatesSharingItsKey() throws IOException {
        // Given FEBRL's dataset 1: 500 originals, each with one duplicate (rec-N-org, rec-N-dup-0)
        List<PersonRecord> records = FebrlCsv.read(FebrlData.file("dataset1.csv"));

        for (ModelEstimation.TrainingRule rule : ModelEstimation.TRAINING_RULES) {
            // When the records are blocked on the session's own key
            Map<String, Integer> block = new HashMap<>();
            long duplicatesWithTheirOriginal = 0;
            Map<String, String> keyOfOriginal = new HashMap<>();
            for (PersonRecord r : records) {
                String key = rule.key().apply(r);
                if (key != null) {
                    block.merge(key, 1, Integer::sum);
                    if (r.id().endsWith("-org")) {
                        keyOfOriginal.put(r.id().replace("-org", ""), key);
                    }
                }
            }
            for (PersonRecord r : records) {
                String key = rule.key().apply(r);
                if (r.id().contains("-dup-")
                        && key != null
                        && key.equals(keyOfOriginal.get(r.id().substring(0, r.id().indexOf("-dup-"))))) {
                    duplicatesWithTheirOriginal++;
                }
            }

            // Then it brings most duplicates together with their original, in small blocks (the router's blocking
            // rules changing must not leave a session without pairs)
            assertThat(duplicatesWithTheirOriginal).as(rule.name()).isGreaterThan(250);
            assertThat(block.values())
                    .as(rule.name())
                    .allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(10));
        }
    }
}
