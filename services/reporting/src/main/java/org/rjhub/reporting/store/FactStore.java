package org.rjhub.reporting.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.rjhub.contracts.hub.CaseFact;
import org.rjhub.contracts.hub.CaseSnapshot;
import org.rjhub.contracts.hub.DeclineSnapshot;
import org.rjhub.contracts.hub.PartySnapshot;
import org.rjhub.contracts.hub.PseudonymLink;
import org.rjhub.contracts.hub.ReferralSnapshot;

/**
 * The reporting database, through JDBC: creates its tables and views (H2 or PostgreSQL), and applies batches of
 * facts together with the consumer's offsets in ONE transaction, so the database always holds exactly the facts
 * before its stored offsets: a crash before the commit loses the batch and its offsets together, and the
 * consumer resumes from the stored offsets.
 *
 * <p>Inside a batch, each partition's stored offset is read under a row lock first and records below it are
 * skipped (a redelivery after a rebalance, or a consumer that lost its partitions and did not know yet, can
 * never apply a fact twice). Snapshots replace older ones only when newer (case sequence, referral version), so
 * applying is also idempotent per row.
 *
 * <p>Pseudonyms are stored by their canonical form: the first under which this database knew the case, referral or
 * person. A fact's {@code pseudonymLinks} (the first fact of a case published under a new key version) are recorded in
 * {@code rpt_pseudonym_links} before anything else of the fact, and every pseudonym of a fact is resolved through that
 * table, so a case spanning a key rotation is one row, its sequence carrying on.
 */
public final class FactStore implements AutoCloseable {

    /** Dates and months of the service are in the UK's zone. */
    public static final ZoneId ZONE = ZoneId.of("Europe/London");

    private static final long NOTHING_CONSUMED = -1;

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    private FactStore(String url, String user, String password, Connection connection) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.connection = connection;
    }

    /** Connects, creates the tables and views if missing (idempotent), and is ready to apply facts. */
    public static FactStore open(String jdbcUrl, String user, String password) throws SQLException {
        return new FactStore(jdbcUrl, user, password, connect(jdbcUrl, user, password));
    }

    private static Connection connect(String jdbcUrl, String user, String password) throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, user, password);
        try {
            createSchema(c);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Drops the connection and opens a new one (after the database restarted or the network failed). When that fails
     * the store stays without a connection: every call fails as retriable ({@link SQLRecoverableException}) until a
     * later reconnect succeeds.
     */
    public void reconnect() throws SQLException {
        Connection old = connection;
        connection = null;
        if (old != null) {
            try {
                old.close();
            } catch (SQLException e) {
                // the old connection is gone either way
            }
        }
        connection = connect(url, user, password);
    }

    /** Whether the database answers on the current connection now (waits at most 2 s). */
    public boolean isValid() {
        try {
            return connection != null && connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private void requireConnection() throws SQLRecoverableException {
        if (connection == null) {
            throw new SQLRecoverableException(
                    "not connected to the reporting database (the last reconnect failed)", "08003");
        }
    }

    /** Runs the schema script (tables, then views) on a connection. */
    public static void createSchema(Connection c) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            for (String sql : statements()) {
                st.execute(sql);
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    static List<String> statements() {
        try (InputStream in = FactStore.class.getResourceAsStream("schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("schema.sql is missing from the classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String withoutComments =
                    text.lines().filter(l -> !l.trim().startsWith("--")).collect(Collectors.joining("\n"));
            List<String> statements = new ArrayList<>();
            for (String s : withoutComments.split(";")) {
                if (!s.isBlank()) {
                    statements.add(s.trim());
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema.sql", e);
        }
    }

    /**
     * The stored next offset of each partition for {@code group}: absent when nothing was consumed yet (start at the
     * beginning). Registers the partitions so that {@link #apply} can lock their rows.
     */
    public Map<TopicPartition, Long> positions(String group, Collection<TopicPartition> partitions)
            throws SQLException {
        requireConnection();
        Map<TopicPartition, Long> found = new LinkedHashMap<>();
        try {
            for (TopicPartition tp : partitions) {
                Long stored = storedOffset(group, tp, false);
                if (stored == null) {
                    insertOffset(group, tp, NOTHING_CONSUMED);
                } else if (stored != NOTHING_CONSUMED) {
                    found.put(tp, stored);
                }
            }
            connection.commit();
            return found;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    /**
     * Applies {@code records} (in their consumed order) and advances the stored offsets past them, in one
     * transaction.
     *
     * @return how many facts were applied (records below a stored offset are skipped)
     */
    public int apply(String group, List<ConsumerRecord<String, CaseFact>> records) throws SQLException {
        if (records.isEmpty()) {
            return 0;
        }
        requireConnection();
        try {
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            // lock the offset rows in one order, so that two consumers of one group can never deadlock
            List<TopicPartition> partitions = records.stream()
                    .map(r -> new TopicPartition(r.topic(), r.partition()))
                    .distinct()
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                    .toList();
            for (TopicPartition tp : partitions) {
                Long stored = storedOffset(group, tp, true);
                next.put(tp, stored == null ? NOTHING_CONSUMED : stored);
            }
            int applied = 0;
            for (ConsumerRecord<String, CaseFact> r : records) {
                TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                if (r.offset() < next.get(tp)) {
                    continue;
                }
                if (r.value() != null) {
                    applyFact(r);
                    applied++;
                }
                next.put(tp, r.offset() + 1);
            }
            for (var e : next.entrySet()) {
                storeOffset(group, e.getKey(), e.getValue());
            }
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(e);
            throw e;
        }
    }

    private Long storedOffset(String group, TopicPartition tp, boolean lock) throws SQLException {
        String sql =
                "SELECT next_offset FROM rpt_consumer_offsets WHERE consumer_group = ? AND topic = ? AND partition_no = ?"
                        + (lock ? " FOR UPDATE" : "");
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, group);
            st.setString(2, tp.topic());
            st.setInt(3, tp.partition());
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private void storeOffset(String group, TopicPartition tp, long nextOffset) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("UPDATE rpt_consumer_offsets SET next_offset = ?, "
                + "updated_at = ? WHERE consumer_group = ? AND topic = ? AND partition_no = ?")) {
            st.setLong(1, nextOffset);
            st.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            st.setString(3, group);
            st.setString(4, tp.topic());
            st.setInt(5, tp.partition());
            if (st.executeUpdate() == 1) {
                return;
            }
        }
        insertOffset(group, tp, nextOffset);
    }

    private void insertOffset(String group, TopicPartition tp, long nextOffset) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO rpt_consumer_offsets "
                + "(consumer_group, topic, partition_no, next_offset, updated_at) VALUES (?, ?, ?, ?, ?)")) {
            st.setString(1, group);
            st.setString(2, tp.topic());
            st.setInt(3, tp.partition());
            st.setLong(4, nextOffset);
            st.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
            st.executeUpdate();
        }
    }

    private void applyFact(ConsumerRecord<String, CaseFact> r) throws SQLException {
        CaseFact f = r.value();
        for (PseudonymLink link : f.getPseudonymLinks()) {
            link(link, f.getKeyVersion());
        }
        String key = canonical(f.getCaseKey() != null ? f.getCaseKey() : f.getReferralKey());
        try (PreparedStatement st =
                connection.prepareStatement("INSERT INTO rpt_facts (fact_id, fact_key, seq, change_type, "
                        + "occurred_at, agency, referral_key, case_key, party_role, detail, reason, source_topic, source_partition, "
                        + "source_offset, key_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, f.getFactId());
            st.setString(2, key);
            st.setLong(3, f.getSequence());
            st.setString(4, f.getChange().name());
            st.setObject(5, utc(f.getOccurredAt()));
            setString(st, 6, f.getAgency() == null ? null : f.getAgency().name());
            setString(st, 7, canonical(f.getReferralKey()));
            setString(st, 8, canonical(f.getCaseKey()));
            setString(st, 9, f.getPartyRole() == null ? null : f.getPartyRole().name());
            setString(st, 10, f.getDetail());
            setString(st, 11, f.getReason());
            st.setString(12, r.topic());
            st.setInt(13, r.partition());
            st.setLong(14, r.offset());
            st.setInt(15, f.getKeyVersion());
            st.executeUpdate();
        }
        if (f.getReferral() != null) {
            upsertReferral(f.getReferral());
        }
        if (f.getCaseState() != null) {
            for (ReferralSnapshot referral : f.getCaseState().getReferrals()) {
                upsertReferral(referral);
            }
            upsertCase(canonical(f.getCaseKey()), f.getSequence(), f.getCaseState());
        }
    }

    /** Records that {@code link}'s pseudonym stands for the same as its previous one (once; chains resolved). */
    private void link(PseudonymLink link, int keyVersion) throws SQLException {
        if (lookUpCanonical(link.getPseudonym()) != null) {
            return;
        }
        String canonical = canonical(link.getPrevious());
        if (canonical.equals(link.getPseudonym())) {
            return;
        }
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO rpt_pseudonym_links (pseudonym, canonical, key_version) VALUES (?, ?, ?)")) {
            st.setString(1, link.getPseudonym());
            st.setString(2, canonical);
            st.setInt(3, keyVersion);
            st.executeUpdate();
        }
    }

    /** The canonical form of a pseudonym: the one it is linked to, else itself (null stays null). */
    private String canonical(String pseudonym) throws SQLException {
        if (pseudonym == null) {
            return null;
        }
        String linked = lookUpCanonical(pseudonym);
        return linked == null ? pseudonym : linked;
    }

    private String lookUpCanonical(String pseudonym) throws SQLException {
        try (PreparedStatement st =
                connection.prepareStatement("SELECT canonical FROM rpt_pseudonym_links WHERE pseudonym = ?")) {
            st.setString(1, pseudonym);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void upsertReferral(ReferralSnapshot s) throws SQLException {
        String referralKey = canonical(s.getReferralKey());
        Long stored = version("SELECT referral_version FROM rpt_referrals WHERE referral_key = ?", referralKey);
        if (stored != null && stored >= s.getVersion()) {
            return;
        }
        LocalDate on = LocalDate.ofInstant(s.getReceivedAt(), ZONE);
        Object[] values = {
            s.getVersion(),
            s.getAgency().name(),
            s.getIntake().name(),
            canonical(s.getCaseKey()),
            utc(s.getReceivedAt()),
            on,
            month(on),
            s.getDistrict(),
            name(s.getCaseType()),
            name(s.getOffenceCategory()),
            name(s.getJusticeStage()),
            referralKey
        };
        String columns =
                "referral_version, agency, intake, case_key, received_at, received_on, received_month, district, "
                        + "case_type, offence_category, justice_stage, referral_key";
        write(stored == null, "rpt_referrals", columns, "referral_key", values);
        try (PreparedStatement del =
                connection.prepareStatement("DELETE FROM rpt_referral_parties WHERE referral_key = ?")) {
            del.setString(1, referralKey);
            del.executeUpdate();
        }
        try (PreparedStatement ins = connection.prepareStatement("INSERT INTO rpt_referral_parties "
                + "(referral_key, item_no, party_role, age_band, person_key) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (PartySnapshot p : s.getParties()) {
                ins.setString(1, referralKey);
                ins.setInt(2, i++);
                ins.setString(3, p.getRole().name());
                ins.setString(4, p.getAgeBand().name());
                setString(ins, 5, canonical(p.getPersonKey()));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private void upsertCase(String caseKey, long sequence, CaseSnapshot s) throws SQLException {
        Long stored = version("SELECT seq FROM rpt_cases WHERE case_key = ?", caseKey);
        if (stored != null && stored >= sequence) {
            return;
        }
        LocalDate on = s.getReferredAt() == null ? null : LocalDate.ofInstant(s.getReferredAt(), ZONE);
        Double daysToContact = s.getReferredAt() == null || s.getFirstContactAt() == null
                ? null
                : Duration.between(s.getReferredAt(), s.getFirstContactAt()).toMinutes() / (60.0 * 24.0);
        String agencies = s.getReferrals().stream()
                .map(r -> r.getAgency().name())
                .distinct()
                .sorted()
                .collect(Collectors.joining(","));
        Object[] values = {
            sequence,
            s.getStatus().name(),
            utc(s.getReferredAt()),
            on,
            on == null ? null : month(on),
            s.getDistrict(),
            name(s.getCaseType()),
            name(s.getOffenceCategory()),
            s.getReferrals().size(),
            agencies,
            utc(s.getAssignedAt()),
            utc(s.getFirstContactAt()),
            daysToContact,
            utc(s.getConsentedAt()),
            utc(s.getMeetingAt()),
            utc(s.getIndirectCommunicationAt()),
            utc(s.getAgreementAt()),
            s.getActionsAgreed(),
            s.getActionsCompleted(),
            utc(s.getAgreementCompletedAt()),
            s.getUnsuitableStage(),
            s.getUnsuitableReason(),
            utc(s.getClosedAt()),
            s.getClosureReason(),
            caseKey
        };
        String columns =
                "seq, status, referred_at, referred_on, referred_month, district, case_type, offence_category, "
                        + "referrals, agencies, assigned_at, first_contact_at, days_to_first_contact, consented_at, meeting_at, "
                        + "indirect_at, agreement_at, actions_agreed, actions_completed, agreement_completed_at, unsuitable_stage, "
                        + "unsuitable_reason, closed_at, closure_reason, case_key";
        write(stored == null, "rpt_cases", columns, "case_key", values);
        try (PreparedStatement del = connection.prepareStatement("DELETE FROM rpt_case_declines WHERE case_key = ?")) {
            del.setString(1, caseKey);
            del.executeUpdate();
        }
        try (PreparedStatement ins = connection.prepareStatement("INSERT INTO rpt_case_declines "
                + "(case_key, item_no, party_role, reason, occurred_at) VALUES (?, ?, ?, ?, ?)")) {
            int i = 0;
            for (DeclineSnapshot d : s.getDeclines()) {
                ins.setString(1, caseKey);
                ins.setInt(2, i++);
                ins.setString(3, d.getPartyRole().name());
                ins.setString(4, d.getReason());
                ins.setObject(5, utc(d.getOccurredAt()));
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /** INSERT or UPDATE one row; the key column comes last in {@code columns} and {@code values}. */
    private void write(boolean insert, String table, String columns, String keyColumn, Object[] values)
            throws SQLException {
        String[] names = columns.split(",\\s*");
        String sql;
        if (insert) {
            sql = "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(names.length - 1) + "?)";
        } else {
            StringBuilder set = new StringBuilder();
            for (int i = 0; i < names.length - 1; i++) {
                set.append(i == 0 ? "" : ", ").append(names[i]).append(" = ?");
            }
            sql = "UPDATE " + table + " SET " + set + " WHERE " + keyColumn + " = ?";
        }
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                bind(st, i + 1, values[i]);
            }
            st.executeUpdate();
        }
    }

    private Long version(String sql, String key) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, key);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private static void bind(PreparedStatement st, int i, Object v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.NULL);
        } else if (v instanceof String s) {
            st.setString(i, s);
        } else if (v instanceof Long l) {
            st.setLong(i, l);
        } else if (v instanceof Integer n) {
            st.setInt(i, n);
        } else if (v instanceof Double d) {
            st.setDouble(i, d);
        } else {
            st.setObject(i, v);
        }
    }

    private static void setString(PreparedStatement st, int i, String v) throws SQLException {
        if (v == null) {
            st.setNull(i, Types.VARCHAR);
        } else {
            st.setString(i, v);
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The JDBC connection, for reading (the report, tests). Do not write through it. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }
}
