package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueParty;

/**
 * With a master key the queue items name no one in clear: each party's name and district are sealed under its
 * referral's data key (the key of {@code rj.data-keys.v1} that seals the referral), and opened with it they are the
 * party a router without a master key queues in clear; without the key (erased) the party is its role only.
 */
class SealedQueuePartiesTest {

    /** Synthetic sentinels: a victim's and an offender's surname found nowhere else. */
    private static final String VICTIM_SURNAME = "Quillfeatherby";

    private static final String OFFENDER_SURNAME = "Vexworthington";

    @Test
    void shouldQueueNoPartyNameInClearAndTheSamePartiesUnderTheirReferralsKeys(@TempDir Path dir) {
        MasterKey master =
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
        List<byte[]> raw = new ArrayList<>();
        List<QueueItem> sealed;
        Map<String, byte[]> keys;
        try (RouterDriver router = new RouterDriver(
                Map.of(RouterConfig.MASTER_KEY, dir.resolve("mk.json").toString()))) {
            pipe(router);
            for (String name : router.driver.producedTopicNames()) {
                if (name.startsWith("rj.queue.")) {
                    raw.addAll(router.driver
                            .createOutputTopic(
                                    name,
                                    Serdes.String().deserializer(),
                                    Serdes.ByteArray().deserializer())
                            .readValuesToList());
                }
            }
            var values = router.topics.queueTemplate().valueSerde().deserializer();
            sealed = raw.stream()
                    .map(v -> values.deserialize("rj.queue.x.v1", v))
                    .toList();
            keys = router.dataKeys();
        }
        List<QueueItem> clear;
        try (RouterDriver router = new RouterDriver()) {
            pipe(router);
            clear = router.allQueues();
        }

        // Then no queue item's bytes hold a party's name
        assertThat(raw).isNotEmpty();
        for (byte[] value : raw) {
            String text = new String(value, StandardCharsets.ISO_8859_1);
            assertThat(List.of(VICTIM_SURNAME, OFFENDER_SURNAME, "Imelda", "Kwabena", "Fairweather"))
                    .noneMatch(text::contains);
        }
        // and every party is sealed under the data key of a referral the router wrote, its role in clear
        assertThat(sealed).flatExtracting(QueueItem::getParties).isNotEmpty().allSatisfy(p -> {
            assertThat(SealedParties.isSealed(p)).isTrue();
            assertThat(keys).containsKey(p.getDataKeyId());
            assertThat(p.getForename()).isEmpty();
            assertThat(p.getSurname()).isEmpty();
            assertThat(p.getDistrict()).isNull();
        });
        // and opened with those keys, the items are the ones a router without a master key queues
        DataKeys reader = new DataKeys(master);
        keys.forEach(reader::add);
        assertThat(sealed.stream()
                        .map(q -> SealedDetails.opened(reader, SealedParties.opened(reader, q)))
                        .toList())
                .usingRecursiveFieldByFieldElementComparatorIgnoringFields("createdAt")
                .containsExactlyElementsOf(clear);
        assertThat(clear)
                .flatExtracting(QueueItem::getParties)
                .extracting(QueueParty::getSurname)
                .contains(VICTIM_SURNAME, OFFENDER_SURNAME);

        // and once the keys are erased the parties open to nothing: each is its role only
        DataKeys erased = new DataKeys(master);
        assertThat(sealed)
                .flatExtracting(QueueItem::getParties)
                .allSatisfy(p -> assertThat(SealedParties.open(erased, p)).isEmpty());
        assertThat(sealed.stream().map(q -> SealedParties.opened(erased, q)).toList())
                .flatExtracting(QueueItem::getParties)
                .extracting(QueueParty::getSurname)
                .containsOnly("");
    }

    private static void pipe(RouterDriver router) {
        router.police(Fixtures.police(
                "PR-Q-1",
                "42/22222/26",
                "Harlow",
                "OUT_OF_COURT",
                "CRIMINAL_DAMAGE_AND_ARSON",
                "Imelda",
                VICTIM_SURNAME,
                "1971-05-06",
                "CM20 1AB"));
        router.probation(
                Fixtures.probation("PROB-Q-1", "42/22222/26", "Kwabena", OFFENDER_SURNAME, "1990-03-04", "CM20 2AB"));
    }
}
