package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.rjhub.matching.BlockingKeys;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;

class ReferralBlockingTest {

    // synthetic people: nobody real
    private static final ReferralSummary REFERRAL = new ReferralSummary(
            "police:PR-1",
            "POLICE",
            "PR-1",
            "42/12345/26",
            "CRIME",
            "OUT_OF_COURT",
            "Harlow",
            "OF1",
            "THEFT",
            "Shoplifting",
            List.of(),
            List.of(
                    new PartySummary(
                            "VICTIM",
                            "Amara",
                            "Pennywhistle",
                            LocalDate.of(1984, 3, 17),
                            "CM20 1AB",
                            "12 Larkspur Road"),
                    new PartySummary(
                            "OFFENDER",
                            "Tobias",
                            "Quillfeather",
                            LocalDate.of(1990, 11, 2),
                            "CM19 4QT",
                            "3 Ember Close")));

    @Test
    void shouldSendEveryKeyToExactlyOneShardAndTheSameShardEveryTime() {
        // When
        Map<Integer, BlockProbe> probes = ReferralBlocking.probes(REFERRAL, 6);

        // Then: the probes together carry each key once, each on the shard that owns it
        Map<String, List<BlockProbe.Member>> keys = ReferralBlocking.keys(REFERRAL);
        List<String> carried = new ArrayList<>();
        probes.forEach((shard, probe) -> {
            assertThat(probe.shard()).isEqualTo(shard);
            assertThat(probe.hubReferralId()).isEqualTo("police:PR-1");
            probe.keys().forEach((key, members) -> {
                assertThat(ReferralBlocking.shardOf(key, 6)).isEqualTo(shard);
                assertThat(members).isEqualTo(keys.get(key));
                carried.add(key);
            });
        });
        assertThat(carried).containsExactlyInAnyOrderElementsOf(keys.keySet());
        assertThat(keys).hasSizeGreaterThan(probes.size()); // fewer messages than keys
        assertThat(ReferralBlocking.probes(REFERRAL, 6)).isEqualTo(probes);
    }

    @Test
    void shouldCarryTheEarlierRulesKeysToLookUpOnlyWhenAskedEachOnTheShardOfTheKeyItself() {
        // When
        Map<String, List<BlockProbe.Member>> plain = ReferralBlocking.keys(REFERRAL);
        Map<String, List<BlockProbe.Member>> upgrading = ReferralBlocking.keys(REFERRAL, true);

        // Then: this release's keys either way, and the earlier rules' keys prefixed, looked up where they live
        assertThat(plain.keySet()).noneMatch(k -> k.startsWith(ReferralBlocking.EARLIER));
        Map<String, List<BlockProbe.Member>> lookups = new TreeMap<>(upgrading);
        lookups.keySet().removeAll(plain.keySet());
        assertThat(upgrading).containsAllEntriesOf(plain);
        assertThat(lookups.keySet()).isNotEmpty().allSatisfy(k -> {
            String stored = ReferralBlocking.lookedUp(k);
            assertThat(stored).startsWith(ReferralBlocking.PERSON);
            assertThat(BlockingKeys.EARLIER_RULES).contains(ReferralBlocking.rule(k));
            assertThat(ReferralBlocking.rule(k)).isEqualTo(ReferralBlocking.rule(stored));
            assertThat(ReferralBlocking.shardOf(k, 6)).isEqualTo(ReferralBlocking.shardOf(stored, 6));
        });
        assertThat(ReferralBlocking.lookedUp(plain.keySet().iterator().next())).isNull();
        assertThat(ReferralBlocking.probes(REFERRAL, 6, true).values().stream()
                        .mapToInt(p -> p.keys().size())
                        .sum())
                .isEqualTo(upgrading.size());
    }

    @Test
    void shouldPutEveryKeyOnTheOneShardWhenThereIsOne() {
        // When
        Map<Integer, BlockProbe> probes = ReferralBlocking.probes(REFERRAL, 1);

        // Then
        assertThat(probes).containsOnlyKeys(0);
        assertThat(probes.get(0).keys())
                .containsOnlyKeys(ReferralBlocking.keys(REFERRAL).keySet());
    }

    @Test
    void shouldKeepTheCrimeReferenceKeyWithoutPeople() {
        // When
        Map<String, List<BlockProbe.Member>> keys = ReferralBlocking.keys(REFERRAL);

        // Then
        assertThat(keys).containsEntry(ReferralBlocking.CRIME + "42/12345/26", List.of());
        assertThat(keys.keySet())
                .filteredOn(k -> k.startsWith(ReferralBlocking.PERSON))
                .isNotEmpty();
    }

    @Test
    void shouldRouteAProbeToItsShardsPartition() {
        // Given
        ShardPartitioner partitioner = new ShardPartitioner(6);
        BlockProbe probe =
                ReferralBlocking.probes(REFERRAL, 6).values().iterator().next();

        // Then
        assertThat(partitioner.partitions("t", probe.hubReferralId(), probe, 6))
                .contains(java.util.Set.of(probe.shard()));
        assertThat(partitioner.partitions("t", probe.hubReferralId(), probe, 1)).contains(java.util.Set.of(0));
        assertThatThrownBy(() -> partitioner.partitions("t", probe.hubReferralId(), probe, 4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rj.linkage.shards");
    }

    @Test
    void shouldNameTheRuleOfEachKeyWithoutItsValues() {
        // When
        List<String> rules = ReferralBlocking.keys(REFERRAL).keySet().stream()
                .map(ReferralBlocking::rule)
                .distinct()
                .toList();

        // Then: the crime reference, then the matching library's rule tags, never a name, date or postcode
        assertThat(rules).startsWith("crime").contains("ds3", "dg3", "di", "dd", "sm3", "ps", "pg", "hp", "ni3");
        assertThat(String.join(",", rules)).doesNotContainIgnoringCase("penny").doesNotContain("1984");
    }
}
