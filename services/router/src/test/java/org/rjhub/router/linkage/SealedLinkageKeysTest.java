package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.MasterKey;

/** Sealed blocking keys: pseudonyms that keep what the shards need in clear, and nothing personal. */
class SealedLinkageKeysTest {

    @Test
    void shouldLookUpAnEarlierRulesKeyUnderThePseudonymItWasStoredUnder(@TempDir Path dir) {
        // Given
        SealedLinkage linkage = new SealedLinkage(
                MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString()));
        String stored = ReferralBlocking.PERSON + "sg:quarrington:i";

        // When
        String sealedStored = linkage.blockingKey(stored);
        String sealedLookup = linkage.blockingKey(ReferralBlocking.EARLIER + stored);

        // Then: the same pseudonym, marked to be looked up, its rule kept, no name
        assertThat(sealedStored).startsWith("P:sg:").doesNotContain("quarrington");
        assertThat(sealedLookup).isEqualTo(ReferralBlocking.EARLIER + sealedStored);
        assertThat(ReferralBlocking.lookedUp(sealedLookup)).isEqualTo(sealedStored);
        assertThat(ReferralBlocking.rule(sealedLookup)).isEqualTo("sg");
    }
}
