package org.rjhub.reporting.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.contracts.hub.CaseChange;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.PseudonymLink;
import org.rjhub.contracts.hub.SourceAgency;

/** Facts before and after a rotation of the pseudonymisation key, through the production topology. */
class KeyRotationTest {

    @TempDir
    Path dir;

    @Test
    void shouldCarryACaseOnAcrossARotationUnderNewPseudonymsLinkedOnceToTheOld() throws Exception {
        Path file = dir.resolve("keys.json");
        PseudonymKeys.createIfMissing(file, new SecureRandom());
        Map<String, Object> keySettings = Map.of(FactsConfig.PSEUDONYM_KEYS, file.toString());
        FactsDriver hub = new FactsDriver(keySettings);
        Scenario scenario = new Scenario(hub);
        scenario.beforeRotation();
        List<CaseFact> before = hub.facts();
        Pseudonymiser v1 = hub.pseudonyms();

        PseudonymKeys.load(file).rotated(new SecureRandom()).write(file);
        hub = hub.restart(keySettings);
        scenario = new Scenario(hub);
        scenario.afterRotation();
        List<CaseFact> after = hub.facts();
        hub.close();

        String oldCase = v1.caseKey("RJ-9");
        String oldReferral = v1.referralKey(SourceAgency.POLICE, "PR-9");
        assertThat(before).allSatisfy(f -> assertThat(f.getKeyVersion()).isEqualTo(1));
        assertThat(before).allSatisfy(f -> assertThat(f.getPseudonymLinks()).isEmpty());
        assertThat(before).extracting(CaseFact::getCaseKey).containsOnly(oldCase);

        List<CaseFact> rj9 = after.stream()
                .filter(f -> f.getCaseState().getReferrals().size() == 2 || f.getChange() == CaseChange.REFERRAL_LINKED)
                .toList();
        assertThat(after).allSatisfy(f -> assertThat(f.getKeyVersion()).isEqualTo(2));
        CaseFact first = rj9.get(0);
        String newCase = first.getCaseKey();
        assertThat(newCase).startsWith("c-").isNotEqualTo(oldCase);
        assertThat(rj9).extracting(CaseFact::getCaseKey).containsOnly(newCase);
        assertThat(rj9).extracting(CaseFact::getSequence).containsExactly(before.size() + 1L, before.size() + 2L);
        assertThat(first.getPseudonymLinks())
                .extracting(PseudonymLink::getPrevious)
                .contains(oldCase, oldReferral)
                .hasSize(3); // the case, the police referral and its offender's PNC (the new VS-9 has no earlier form)
        assertThat(first.getPseudonymLinks())
                .filteredOn(l -> l.getPrevious().equals(oldCase))
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.getPseudonym()).isEqualTo(newCase);
                    assertThat(l.getPreviousKeyVersion()).isEqualTo(1);
                });
        assertThat(first.getCaseState().getReferrals())
                .extracting(r -> r.getReferralKey())
                .doesNotContain(oldReferral);
        assertThat(rj9.get(1).getPseudonymLinks()).isEmpty();

        CaseFact begunAfter = after.stream()
                .filter(f -> !f.getCaseKey().equals(newCase))
                .findFirst()
                .orElseThrow();
        assertThat(begunAfter.getPseudonymLinks()).isEmpty();
        assertThat(Files.readString(file)).contains("\"current\" : 2");
    }
}
