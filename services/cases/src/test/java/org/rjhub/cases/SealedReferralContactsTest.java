package org.rjhub.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rjhub.cases.CaseFixtures.CASE;
import static org.rjhub.cases.CaseFixtures.POLICE_REF;
import static org.rjhub.cases.CaseFixtures.PROBATION_REF;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.cases.api.CaseViews;
import org.rjhub.cases.contacts.ContactsOpener;
import org.rjhub.cases.intake.ReferralOwnersProcessor;
import org.rjhub.cases.lifecycle.CaseStateJson;
import org.rjhub.cases.notes.SealedNotes;
import org.rjhub.cases.outcomes.QueueNotices;
import org.rjhub.common.privacy.DataKeyStore;
import org.rjhub.common.privacy.DataKeys;
import org.rjhub.common.privacy.MasterKey;
import org.rjhub.common.privacy.SealedDetails;
import org.rjhub.common.privacy.SealedParties;
import org.rjhub.common.privacy.SealedReferrals;
import org.rjhub.common.serde.JsonSerde;
import org.rjhub.contracts.hub.CaseNote;
import org.rjhub.contracts.hub.PartyRole;
import org.rjhub.contracts.hub.QueueItem;
import org.rjhub.contracts.hub.QueueItemType;
import org.rjhub.contracts.hub.QueueParty;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.contracts.hub.SensitivityFlag;
import org.rjhub.contracts.hub.SourceAgency;
import org.rjhub.testsupport.WrittenRecords;

/**
 * With a master key, the case service keeps the contact details of a sealed referral ({@code rj.referrals.v1}) sealed
 * under the referral's own data key wherever it writes them (the {@code referral-contacts} repartition topic and
 * store, the {@code cases} store, their changelogs), and opens them only when the case is shown, with the key as its
 * global store of {@code rj.data-keys.v1} holds it then: once the key's tombstone is read ({@code hub erase}), the case
 * is shown without them, and a key that comes after its referral opens them from then on. Likewise the parties' names
 * of the router's queue items, sealed under their referral's key: kept sealed, shown while the key is there; the
 * facilitators' notes, sealed by the case API under a key of the case; and the offence's wording, which the service
 * does not keep but opens from the case's sealed referral.
 */
class SealedReferralContactsTest {

    /** A victim no other fixture names, so that finding any of these anywhere means her details leaked. */
    private static final String SURNAME = "Zzyxquorrel";

    private static final String PHONE = "07700 900417";
    private static final String EMAIL = "zzyxquorrel@example.org";

    /** A note's text and an offence's wording no other fixture holds. */
    private static final String NOTE = "Zzyxquorrel's brother Oswin Plenderleath will come; call after six";

    private static final String WORDING = "Criminal damage to the Quillfeather allotment shed";

    private static final String QUEUED_WORDING = "Followed the Brimblecombe twins home";

    @TempDir
    Path dir;

    private MasterKey master;
    private DataKeys router;
    private CasesDriver hub;
    private final Instant t = CasesDriver.START;

    @BeforeEach
    void start() {
        Path keyFile = MasterKey.createIfMissing(dir.resolve("mk.json"));
        master = MasterKey.of(keyFile.toString());
        router = new DataKeys(master);
        hub = new CasesDriver(Map.of(CasesConfig.MASTER_KEY, keyFile.toString()));
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void shouldKeepASealedReferralsContactDetailsSealedInEveryRecordAndOpenThemOnlyWhileItsKeyIsThere() {
        // Given the police referral sealed by the router, its victim's details unique to this test, and its key
        Referral clear = CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral();
        clear.getParties().get(0).setSurname(SURNAME);
        clear.getParties().get(0).getContact().setPhone(PHONE);
        clear.getParties().get(0).getContact().setEmail(EMAIL);
        DataKeys.DataKey key = key(clear);
        hub.dataKey(key.id(), key.wrapped());

        // When the case service reads it and its case
        hub.referral(SealedReferrals.seal(router, key.id(), clear));
        hub.item(CaseFixtures.threeAgencyCase(t.plusSeconds(1)));

        // Then the case holds the referral's details, and no record the topology wrote names her
        assertThat(hub.state(CASE).contacts).containsOnlyKeys("POLICE:" + POLICE_REF);
        assertThat(hub.state(CASE).contacts.get("POLICE:" + POLICE_REF).keptSealed())
                .isTrue();
        List<String> written = everyRecordWritten();
        assertThat(hub.driver.producedTopicNames())
                .as("the contact details' own topics are among those read")
                .anyMatch(n -> n.endsWith("-referral-contacts-repartition"))
                .anyMatch(n -> n.endsWith("-" + ReferralOwnersProcessor.CONTACTS + "-changelog"))
                .anyMatch(n -> n.endsWith("-cases-changelog"));
        assertThat(written).isNotEmpty().noneMatch(SealedReferralContactsTest::namesHer);
        assertThat(storedValues()).isNotEmpty().noneMatch(SealedReferralContactsTest::namesHer);

        // and the case shown opens them with the key
        JsonNode contacts = shown().path("contacts");
        assertThat(contacts.toString()).contains(SURNAME, PHONE, EMAIL, "1 Test Road, Harlow, CM20 1AB");
        assertThat(contacts.get(0).has("unavailable")).isFalse();

        // When the key is erased
        hub.dataKey(key.id(), null);

        // Then the case is shown without them, saying why
        JsonNode after = shown().path("contacts");
        assertThat(after.toString()).doesNotContain(SURNAME, PHONE, EMAIL, "Test Road");
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("parties")).isEmpty();
        assertThat(after.get(0).path("unavailable").asText()).isEqualTo(ContactsOpener.UNAVAILABLE);
    }

    @Test
    void shouldOpenAReferralWhoseKeyComesAfterItAndNoneWhoseKeyWasErasedFirst() {
        // Given the police referral's key erased before the case service reads the referral, and the probation
        // referral read before its key
        Referral police =
                CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral();
        Referral probation = CanonicalMapper.probation(Referrals.probation(PROBATION_REF), t.plusSeconds(1))
                .referral();
        DataKeys.DataKey policeKey = key(police);
        DataKeys.DataKey probationKey = key(probation);
        hub.dataKey(policeKey.id(), policeKey.wrapped());
        hub.dataKey(policeKey.id(), null);
        hub.referral(SealedReferrals.seal(router, policeKey.id(), police));
        hub.referral(SealedReferrals.seal(router, probationKey.id(), probation));
        hub.item(CaseFixtures.threeAgencyCase(t.plusSeconds(2)));
        assertThat(shown().path("contacts"))
                .as("neither opens yet")
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.path("unavailable").asText()).isEqualTo(ContactsOpener.UNAVAILABLE));

        // When the probation referral's key arrives
        hub.dataKey(probationKey.id(), probationKey.wrapped());

        // Then its details open, the erased police referral's do not
        JsonNode contacts = shown().path("contacts");
        JsonNode opened = byAgency(contacts, "PROBATION");
        assertThat(opened.path("offenderManager").path("email").asText()).isEqualTo("om@probation.example");
        assertThat(opened.has("unavailable")).isFalse();
        JsonNode erased = byAgency(contacts, "POLICE");
        assertThat(erased.path("parties")).isEmpty();
        assertThat(erased.path("unavailable").asText()).isEqualTo(ContactsOpener.UNAVAILABLE);
        assertThat(contacts.toString())
                .as("no contact details of the erased referral's victim (its queue item names her, no more)")
                .doesNotContain("Quarrington", "07700 900002");
    }

    @Test
    void shouldKeepTheQueuedPartiesNamesSealedAndShowThemOnlyWhileTheirKeyIsThere() throws Exception {
        // Given the router's queue item, its parties sealed under the police referral's key, the victim's name unique
        Referral police =
                CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral();
        DataKeys.DataKey key = key(police);
        hub.dataKey(key.id(), key.wrapped());
        QueueItem item = CaseFixtures.item(
                CASE,
                QueueItemType.NEW_CASE,
                t,
                List.of(CaseFixtures.ref(SourceAgency.POLICE, POLICE_REF)),
                List.of(
                        SealedParties.seal(
                                router,
                                key.id(),
                                new QueueParty(PartyRole.VICTIM, "Imelda", SURNAME, "Harlow", null, null)),
                        SealedParties.seal(
                                router,
                                key.id(),
                                new QueueParty(PartyRole.OFFENDER, "Kwabena", "Fairweather", "Harlow", null, null))));
        assertThat(WrittenRecords.text(item.toByteBuffer().array())).doesNotContain(SURNAME);

        // When the case service reads it
        hub.item(item);

        // Then no record the topology wrote, nor any store, names her; nor the reminders it would queue
        assertThat(hub.state(CASE).parties)
                .hasSize(2)
                .allSatisfy(p -> assertThat(p.keptSealed()).isTrue());
        assertThat(everyRecordWritten()).isNotEmpty().noneMatch(SealedReferralContactsTest::namesHer);
        assertThat(storedValues()).isNotEmpty().noneMatch(SealedReferralContactsTest::namesHer);
        QueueItem reminder = QueueNotices.about(hub.state(CASE), QueueItemType.ACTION_DUE_SOON, null, t);
        assertThat(reminder.getParties())
                .allSatisfy(p -> assertThat(SealedParties.isSealed(p)).isTrue());
        assertThat(WrittenRecords.text(reminder.toByteBuffer().array())).doesNotContain(SURNAME);

        // and the case shown, and listed, opens the names with the key
        assertThat(shown().path("parties").toString()).contains(SURNAME, "Harlow");
        assertThat(shown().path("parties").get(0).has("unavailable")).isFalse();
        assertThat(listed()).contains("VICTIM Imelda " + SURNAME, "OFFENDER Kwabena Fairweather");

        // When the key is erased
        hub.dataKey(key.id(), null);

        // Then each party is shown by its role only, saying why, never an error
        JsonNode parties = shown().path("parties");
        assertThat(parties.toString()).doesNotContain(SURNAME, "Kwabena");
        assertThat(parties).hasSize(2).allSatisfy(p -> {
            assertThat(p.path("surname").asText()).isEmpty();
            assertThat(p.path("unavailable").asText()).isEqualTo(ContactsOpener.NAME_UNAVAILABLE);
        });
        assertThat(listed())
                .containsExactly("VICTIM " + CaseViews.NAME_NOT_AVAILABLE, "OFFENDER " + CaseViews.NAME_NOT_AVAILABLE);
    }

    @Test
    void shouldKeepTheNotesAndTheOffencesWordingSealedAndShowThemOnlyWhileTheirKeysAreThere() throws Exception {
        // Given the police referral sealed by the router, its offence's wording unique to this test, and its key
        Referral police =
                CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral();
        police.getOffence().setDescription(WORDING);
        DataKeys.DataKey referralKey = key(police);
        hub.dataKey(referralKey.id(), referralKey.wrapped());
        hub.referral(SealedReferrals.seal(router, referralKey.id(), police));
        // and the router's queue item giving the same wording, in clear as queue items give it
        QueueItem item = CaseFixtures.threeAgencyCase(t.plusSeconds(1));
        item.getOffence().setDescription(WORDING);
        hub.item(item);
        // and a facilitator's note, sealed by the case API as it writes it (its key written first)
        SealedNotes.Sealed note = SealedNotes.seal(
                new DataKeys(master),
                CaseNote.newBuilder()
                        .setNoteId("n-1")
                        .setCaseId(CASE)
                        .setAuthor("FAC-017")
                        .setText(NOTE)
                        .setWrittenAt(t.plusSeconds(60))
                        .build());
        assertThat(WrittenRecords.text(note.note().toByteBuffer().array())).doesNotContain(NOTE);
        assertThat(DataKeys.subjectOf(note.key().id())).isEqualTo(DataKeys.caseSubject(CASE));

        // When the case service reads them
        hub.dataKey(note.key().id(), note.key().wrapped());
        hub.note(note.note());

        // Then the case holds the note, and no record the topology wrote, nor any store, holds the note or the wording
        assertThat(hub.state(CASE).notes)
                .singleElement()
                .satisfies(n -> assertThat(n.keptSealed()).isTrue());
        assertThat(hub.state(CASE).offence.description()).isEmpty();
        assertThat(everyRecordWritten())
                .isNotEmpty()
                .noneMatch(r -> r.contains(NOTE))
                .noneMatch(r -> r.contains(WORDING));
        assertThat(storedValues()).isNotEmpty().noneMatch(r -> r.contains(NOTE)).noneMatch(r -> r.contains(WORDING));
        // nor the reminders it would queue
        QueueItem reminder = QueueNotices.about(hub.state(CASE), QueueItemType.ACTION_DUE_SOON, null, t);
        assertThat(WrittenRecords.text(reminder.toByteBuffer().array())).doesNotContain(WORDING);

        // and the case shown opens both with their keys
        JsonNode shown = shown();
        assertThat(shown.path("notes").get(0).path("text").asText()).isEqualTo(NOTE);
        assertThat(shown.path("notes").get(0).has("unavailable")).isFalse();
        assertThat(shown.path("offence").path("description").asText()).isEqualTo(WORDING);
        assertThat(shown.path("offence").has("unavailable")).isFalse();

        // When the case's note key is erased
        hub.dataKey(note.key().id(), null);

        // Then the note is shown by its id, author and time only, saying why; the wording still opens
        JsonNode afterNote = shown();
        assertThat(afterNote.path("notes").get(0).path("text").asText()).isEmpty();
        assertThat(afterNote.path("notes").get(0).path("author").asText()).isEqualTo("FAC-017");
        assertThat(afterNote.path("notes").get(0).path("unavailable").asText())
                .isEqualTo(ContactsOpener.NOTE_UNAVAILABLE);
        assertThat(afterNote.path("offence").path("description").asText()).isEqualTo(WORDING);

        // When the referral's key is erased too
        hub.dataKey(referralKey.id(), null);

        // Then the offence is shown by its code and category, its wording not available
        JsonNode after = shown();
        assertThat(after.toString()).doesNotContain(NOTE, WORDING);
        assertThat(after.path("offence").path("code").asText()).isEqualTo("058/01");
        assertThat(after.path("offence").path("unavailable").asText()).isEqualTo(ContactsOpener.WORDING_UNAVAILABLE);
    }

    @Test
    void shouldKeepTheQueuedWordingAndFlagsSealedAndShowThemOnlyWhileTheirKeyIsThere() throws Exception {
        // Given the router's queue item, its offence wording and flags sealed under the police referral's key (no
        // wording nor flags in clear), the wording unique to this test, and the key; the referral itself not read
        DataKeys.DataKey key = policeKeyRead();
        QueueItem item = CaseFixtures.threeAgencyCase(t);
        item.getOffence().setDescription("");
        item.setDetails(
                List.of(SealedDetails.seal(router, key.id(), QUEUED_WORDING, List.of(SensitivityFlag.STALKING))));
        assertThat(WrittenRecords.text(item.toByteBuffer().array())).doesNotContain(QUEUED_WORDING);

        // When the case service reads it
        hub.item(item);

        // Then the case keeps them sealed: no record the topology wrote, nor any store, holds the wording or the flag
        assertThat(hub.state(CASE).flags).isEmpty();
        assertThat(hub.state(CASE).details)
                .singleElement()
                .satisfies(d -> assertThat(d.dataKeyId()).isEqualTo(key.id()));
        assertThat(everyRecordWritten())
                .isNotEmpty()
                .noneMatch(r -> r.contains(QUEUED_WORDING) || r.contains("STALKING"));
        assertThat(storedValues()).isNotEmpty().noneMatch(r -> r.contains(QUEUED_WORDING) || r.contains("STALKING"));
        // nor do the reminders it would queue, which carry them sealed as they came
        QueueItem reminder = QueueNotices.about(hub.state(CASE), QueueItemType.ACTION_DUE_SOON, null, t);
        assertThat(reminder.getFlags()).isEmpty();
        assertThat(reminder.getDetails())
                .singleElement()
                .satisfies(d -> assertThat(SealedDetails.isSealed(d)).isTrue());
        assertThat(WrittenRecords.text(reminder.toByteBuffer().array())).doesNotContain(QUEUED_WORDING);

        // and the case shown, and listed, opens them with the key
        JsonNode shown = shown();
        assertThat(shown.path("flags").toString()).isEqualTo("[\"STALKING\"]");
        assertThat(shown.has("flagsUnavailable")).isFalse();
        assertThat(shown.has("details")).isFalse();
        assertThat(shown.path("offence").path("description").asText()).isEqualTo(QUEUED_WORDING);
        assertThat(listedCase().get("flags")).isEqualTo(List.of("STALKING"));

        // When the key is erased
        hub.dataKey(key.id(), null);

        // Then the case is shown with neither, saying why
        JsonNode after = shown();
        assertThat(after.toString()).doesNotContain(QUEUED_WORDING, "STALKING");
        assertThat(after.path("flags")).isEmpty();
        assertThat(after.path("flagsUnavailable").asText()).isEqualTo(ContactsOpener.FLAGS_UNAVAILABLE);
        assertThat(after.path("offence").path("unavailable").asText()).isEqualTo(ContactsOpener.WORDING_UNAVAILABLE);
        assertThat(listedCase().get("flags")).isEqualTo(List.of());
        assertThat(listedCase().get("flagsUnavailable")).isEqualTo(ContactsOpener.FLAGS_UNAVAILABLE);
    }

    @Test
    void shouldKeepNoUnwrappedKeyBeyondTheRequestThatOpenedIt() {
        // Given a party sealed under a referral's key, which the global store holds
        DataKeys.DataKey key = policeKeyRead();
        QueueParty sealed = SealedParties.seal(
                router, key.id(), new QueueParty(PartyRole.VICTIM, "Imelda", SURNAME, "Harlow", null, null));
        var party = new org.rjhub.cases.lifecycle.CaseState.PartyView(
                PartyRole.VICTIM,
                "",
                "",
                null,
                key.id(),
                java.util.Base64.getEncoder().encodeToString(SealedParties.sealedBytes(sealed)));
        KeyValueStore<String, byte[]> keys = hub.driver.getKeyValueStore(DataKeyStore.STORE);
        ContactsOpener service = ContactsOpener.of(Optional.of(master), keys::get);

        // When a request opens it
        ContactsOpener request = service.forRequest();
        assertThat(request.open(party))
                .hasValueSatisfying(p -> assertThat(p.surname()).isEqualTo(SURNAME));

        // Then the key is unwrapped for that request only: the service's opener, and the next request's, hold none
        assertThat(request.keysInMemory()).containsExactly(key.id());
        assertThat(service.keysInMemory()).isEmpty();
        assertThat(service.forRequest().keysInMemory()).isEmpty();

        // and once the key is erased, with no request asking for it again, no opener holds it, nor opens the party
        hub.dataKey(key.id(), null);
        ContactsOpener after = service.forRequest();
        assertThat(after.keysInMemory()).isEmpty();
        assertThat(after.open(party)).isEmpty();
        assertThat(after.keysInMemory()).isEmpty();
    }

    /** The case as the API lists it, the data keys as the global store holds them now. */
    private Map<String, Object> listedCase() {
        KeyValueStore<String, byte[]> keys = hub.driver.getKeyValueStore(DataKeyStore.STORE);
        return CaseViews.summary(
                hub.state(CASE),
                CasesConfig.of(org.rjhub.testsupport.InMemoryRegistry.connection(), Map.of())
                        .serviceLevels(),
                ContactsOpener.of(Optional.of(master), keys::get));
    }

    /** The parties of the case as the API lists it, the data keys as the global store holds them now. */
    @SuppressWarnings("unchecked")
    private List<String> listed() {
        KeyValueStore<String, byte[]> keys = hub.driver.getKeyValueStore(DataKeyStore.STORE);
        return (List<String>) CaseViews.summary(
                        hub.state(CASE),
                        CasesConfig.of(org.rjhub.testsupport.InMemoryRegistry.connection(), Map.of())
                                .serviceLevels(),
                        ContactsOpener.of(Optional.of(master), keys::get))
                .get("parties");
    }

    /** A fresh data key of the police referral, as the router makes it, read by the case service's global store. */
    private DataKeys.DataKey policeKeyRead() {
        DataKeys.DataKey key =
                key(CanonicalMapper.police(Referrals.police(POLICE_REF), t).referral());
        hub.dataKey(key.id(), key.wrapped());
        return key;
    }

    /** A fresh data key of {@code clear}'s referral, as the router makes it. */
    private DataKeys.DataKey key(Referral clear) {
        return router.create(DataKeys.referralSubject(clear.getSourceAgency().name(), clear.getAgencyReferralId()));
    }

    /** The case as the API shows it to its facilitator, the data keys as the global store holds them now. */
    private JsonNode shown() {
        KeyValueStore<String, byte[]> keys = hub.driver.getKeyValueStore(DataKeyStore.STORE);
        return CaseViews.detail(
                hub.state(CASE),
                CasesConfig.of(org.rjhub.testsupport.InMemoryRegistry.connection(), Map.of())
                        .serviceLevels(),
                t,
                ContactsOpener.of(Optional.of(master), keys::get));
    }

    private static JsonNode byAgency(JsonNode contacts, String agency) {
        for (JsonNode c : contacts) {
            if (c.path("referral").path("agency").asText().equals(agency)) {
                return c;
            }
        }
        throw new AssertionError("no contacts of " + agency + " in " + contacts);
    }

    /** The key and value of every record the topology wrote (outputs, repartition topics, changelogs), as text. */
    private List<String> everyRecordWritten() {
        return WrittenRecords.asText(hub.driver);
    }

    /** The values of the stores holding contact details, serialized as they are kept. */
    private List<String> storedValues() {
        List<String> all = new ArrayList<>();
        hub.states().values().forEach(s -> all.add(WrittenRecords.text(CaseStateJson.write(s))));
        KeyValueStore<String, org.rjhub.cases.intake.CaseInput.Claim> contacts =
                hub.driver.getKeyValueStore(ReferralOwnersProcessor.CONTACTS);
        try (var it = contacts.all()) {
            it.forEachRemaining(
                    kv -> all.add(WrittenRecords.text(JsonSerde.of(org.rjhub.cases.intake.CaseInput.Claim.class)
                            .serializer()
                            .serialize(ReferralOwnersProcessor.CONTACTS, kv.value))));
        }
        return all;
    }

    private static boolean namesHer(String text) {
        return text.contains(SURNAME) || text.contains(PHONE) || text.contains(EMAIL);
    }
}
