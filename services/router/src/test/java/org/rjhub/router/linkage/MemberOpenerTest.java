package org.rjhub.router.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;

/**
 * A stored party sealed under its referral's data key opens while the key is there; is awaited (kept, not compared)
 * while a key not read yet may still come; and is gone once the key's tombstone was read, or once the key is nowhere
 * and the party older than a key takes to be read.
 */
class MemberOpenerTest {

    private static final BlockProbe.Member CLEAR = new BlockProbe.Member(
            "POLICE/PR-1",
            0,
            "VICTIM",
            "IMELDA",
            "QUARRINGTON",
            LocalDate.of(1971, 5, 6),
            "CM20 1AB",
            "1 TEST ROAD",
            true);

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void shouldOpenAwaitOrForgetAStoredPartyByWhatTheKeyStoreHoldsOfItsKey(@TempDir Path dir) {
        MasterKey master = master(dir);
        DataKeys keys = new DataKeys(master);
        DataKeys.DataKey key = keys.create("POLICE:PR-1");
        BlockProbe.Member sealed = SealedLinkage.seal(keys, key.id(), CLEAR);
        Map<String, byte[]> store = new HashMap<>();
        AtomicLong tombstones = new AtomicLong();
        MemberOpener opener = new MemberOpener(master, store::get, tombstones::get);

        // the key read: opened, the same party
        store.put(key.id(), key.wrapped());
        assertThat(opener.open(sealed.storedAt(NOW), NOW).member()).isEqualTo(CLEAR);
        // not read (yet): a party stored a minute ago is awaited, one stored ten minutes ago is gone
        store.clear();
        MemberOpener fresh = new MemberOpener(master, store::get, tombstones::get);
        assertThat(fresh.open(sealed.storedAt(NOW - Duration.ofMinutes(1).toMillis()), NOW)
                        .state())
                .isEqualTo(MemberOpener.State.AWAITED);
        assertThat(fresh.open(sealed.storedAt(NOW - Duration.ofMinutes(10).toMillis()), NOW)
                        .state())
                .isEqualTo(MemberOpener.State.GONE);
        // its tombstone read (the store's erased mark, the count of tombstones applied moved): gone from the next probe
        // on, though this task had opened it
        store.put(key.id(), new byte[0]);
        tombstones.incrementAndGet();
        opener.learn(new BlockProbe("POLICE/PR-2", 0, Map.of()));
        assertThat(opener.open(sealed.storedAt(NOW), NOW).state()).isEqualTo(MemberOpener.State.GONE);
        assertThat(sealed.forename()).isNull();
        assertThat(sealed.dateOfBirth()).isNull();
    }

    @Test
    void shouldForgetAnUnwrappedKeyAndWhatItOpenedOnceKeptLongEnoughThoughNeverAskedAgain(@TempDir Path dir) {
        MasterKey master = master(dir);
        DataKeys keys = new DataKeys(master);
        DataKeys.DataKey key = keys.create("POLICE:PR-1");
        BlockProbe.Member sealed = SealedLinkage.seal(keys, key.id(), CLEAR).storedAt(NOW);
        Map<String, byte[]> store = new HashMap<>(Map.of(key.id(), key.wrapped()));
        MemberOpener opener = new MemberOpener(master, store::get, () -> 0L);

        // Given a party opened, its key unwrapped in memory
        assertThat(opener.open(sealed, NOW).member()).isEqualTo(CLEAR);
        assertThat(opener.keysInMemory()).containsExactly(key.id());

        // When the key is erased and no probe asks about it again: kept until the bound, then forgotten
        store.put(key.id(), new byte[0]);
        opener.forget(NOW + MemberOpener.KEPT.toMillis() - 1);
        assertThat(opener.keysInMemory()).containsExactly(key.id());
        opener.forget(NOW + MemberOpener.KEPT.toMillis());
        assertThat(opener.keysInMemory()).isEmpty();

        // and a key still there is unwrapped again when next asked: the party opens as before
        store.put(key.id(), key.wrapped());
        long later = NOW + MemberOpener.KEPT.toMillis() + 1;
        assertThat(opener.open(sealed, later).member()).isEqualTo(CLEAR);
        assertThat(opener.keysInMemory()).containsExactly(key.id());
    }

    @Test
    void shouldAskTheKeyStoreAgainAboutAnOpenedPartyOnlyOnceATombstoneWasApplied(@TempDir Path dir) {
        MasterKey master = master(dir);
        DataKeys keys = new DataKeys(master);
        DataKeys.DataKey key = keys.create("POLICE:PR-1");
        DataKeys.DataKey other = keys.create("POLICE:PR-3");
        BlockProbe.Member sealed = SealedLinkage.seal(keys, key.id(), CLEAR).storedAt(NOW);
        Map<String, byte[]> store = new HashMap<>(Map.of(key.id(), key.wrapped(), other.id(), other.wrapped()));
        List<String> asked = new ArrayList<>();
        AtomicLong tombstones = new AtomicLong();
        MemberOpener opener = new MemberOpener(
                master,
                id -> {
                    asked.add(id);
                    return store.get(id);
                },
                tombstones::get);

        // Given a party opened in one probe
        opener.learn(new BlockProbe("POLICE/PR-2", 0, Map.of()));
        assertThat(opener.open(sealed, NOW).member()).isEqualTo(CLEAR);
        assertThat(asked).containsExactly(key.id());

        // When later probes meet it while no tombstone is applied: opened as it was, the store not asked
        opener.learn(new BlockProbe("POLICE/PR-4", 0, Map.of()));
        assertThat(opener.open(sealed, NOW).member()).isEqualTo(CLEAR);
        assertThat(asked).containsExactly(key.id());

        // and once another key's tombstone is applied: asked again, still open, its own key untouched
        store.put(other.id(), new byte[0]);
        tombstones.incrementAndGet();
        opener.learn(new BlockProbe("POLICE/PR-5", 0, Map.of()));
        assertThat(opener.open(sealed, NOW).member()).isEqualTo(CLEAR);
        assertThat(asked).containsExactly(key.id(), key.id());

        // Then its own key's tombstone: gone from the next probe
        store.put(key.id(), new byte[0]);
        tombstones.incrementAndGet();
        opener.learn(new BlockProbe("POLICE/PR-6", 0, Map.of()));
        assertThat(opener.open(sealed, NOW).state()).isEqualTo(MemberOpener.State.GONE);
    }

    private static MasterKey master(Path dir) {
        return MasterKey.of(MasterKey.createIfMissing(dir.resolve("mk.json")).toString());
    }
}
