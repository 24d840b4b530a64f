package org.rjhub.router.graph;

import static org.rjhub.common.serde.BinarySerde.readVarint;
import static org.rjhub.common.serde.BinarySerde.varCount;
import static org.rjhub.common.serde.BinarySerde.writeVarint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.rjhub.common.serde.BinaryIn;
import org.rjhub.common.serde.BinaryOut;
import org.rjhub.common.serde.BinarySerde;
import org.rjhub.matching.ReferralSummary;
import org.rjhub.matching.ReferralSummary.PartySummary;
import org.rjhub.router.graph.GraphState.Case;
import org.rjhub.router.graph.GraphState.Node;

/**
 * Compact binary serdes of the case graph's internal records ({@link BinarySerde}: a format byte, the JSON of an
 * earlier release still read): the partitioned graph's entries ({@code graph-owners}, with {@link StoredOwners}), case addresses
 * ({@code graph-case-addresses}) and messages (its graph topic), and the one-partition graph's nodes, cases, summaries
 * and messages ({@code case-graph} repartition), whose types the partitioned graph's components hold.
 *
 * <p>A root's component names the same referrals many times (members, nodes, each node's edges, cases), so each value
 * writes a string once: a later occurrence is its position among the strings written before it, one or two bytes.
 * Numbers of things are varints; weights are written whole ({@code double}), so a value read compares as the one
 * written. Sets and maps are read into the collections Jackson gave the JSON ({@link HashSet}, {@link LinkedHashMap},
 * in the order written), so the case graph iterates a value read from either form alike and decides the same cases.
 * Enums are written by position: add new constants at the end.
 */
public final class GraphSerdes {

    private GraphSerdes() {}

    /**
     * {@code graph-owners}: each referral's entry at its home; a root's component without its nodes, cases and
     * summaries, only their ids ({@link StoredOwners} stores them apart). An entry read so has each of those ids mapped
     * to null; one of an earlier release (JSON) is read whole.
     */
    static Serde<CaseOwners.Entry> entryHeads() {
        return BinarySerde.of(
                CaseOwners.Entry.class, (out, v) -> new Out(out).entry(v, false), in -> new In(in).entry());
    }

    /** {@code graph-case-addresses}: each case id's address. */
    public static Serde<CaseOwners.Address> addresses() {
        return BinarySerde.of(
                CaseOwners.Address.class, (out, v) -> new Out(out).address(v), in -> new In(in).address());
    }

    /** The partitioned graph's topic. */
    public static Serde<OwnerMessage> ownerMessages() {
        return BinarySerde.of(OwnerMessage.class, (out, v) -> new Out(out).owner(v), in -> new In(in).owner());
    }

    /** The one-partition graph's topic ({@code case-graph} repartition). */
    public static Serde<GraphMessage> graphMessages() {
        return BinarySerde.of(GraphMessage.class, (out, v) -> new Out(out).graph(v), in -> new In(in).graph());
    }

    /** The one-partition graph's nodes. */
    public static Serde<Node> nodes() {
        return BinarySerde.of(Node.class, (out, v) -> new Out(out).node(v), in -> new In(in).node());
    }

    /** The one-partition graph's cases. */
    public static Serde<Case> cases() {
        return BinarySerde.of(Case.class, (out, v) -> new Out(out).kase(v), in -> new In(in).kase());
    }

    /** The one-partition graph's summaries. */
    public static Serde<ReferralSummary> summaries() {
        return BinarySerde.of(ReferralSummary.class, (out, v) -> new Out(out).summary(v), in -> new In(in).summary());
    }

    /**
     * An entry's or an ABSORB's component: none (a pointer), whole, or its head (nodes, cases and summaries by id only);
     * each with its referrals' dates ({@link CaseOwners.Component#seen}), or without them as written before the
     * retention (read with none, as the JSON of an earlier release is).
     */
    private static final int NO_COMPONENT = 0;

    private static final int WHOLE_UNDATED = 1;

    private static final int HEAD_UNDATED = 2;

    private static final int WHOLE = 3;

    private static final int HEAD = 4;

    /** Tags of a string: null, a new one (its UTF-8 length and bytes follow), or the one at (tag - 2). */
    private static final int NULL = 0;

    private static final int NEW = 1;

    /** Writes one value. */
    private static final class Out {
        private final BinaryOut out;
        private final Map<String, Integer> written = new HashMap<>();

        Out(BinaryOut out) {
            this.out = out;
        }

        void text(String s) throws IOException {
            if (s == null) {
                writeVarint(out, NULL);
                return;
            }
            Integer at = written.get(s);
            if (at != null) {
                writeVarint(out, at + 2);
                return;
            }
            written.put(s, written.size());
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            writeVarint(out, NEW);
            writeVarint(out, b.length);
            out.write(b);
        }

        void texts(Collection<String> ss) throws IOException {
            writeVarint(out, ss.size());
            for (String s : ss) {
                text(s);
            }
        }

        void kind(Enum<?> e) throws IOException {
            writeVarint(out, e == null ? 0 : e.ordinal() + 1);
        }

        void weights(Map<String, Double> ws) throws IOException {
            writeVarint(out, ws.size());
            for (var w : ws.entrySet()) {
                text(w.getKey());
                out.writeDouble(w.getValue());
            }
        }

        void weightsByKey(Map<String, Map<String, Double>> ws) throws IOException {
            writeVarint(out, ws.size());
            for (var w : ws.entrySet()) {
                text(w.getKey());
                weights(w.getValue());
            }
        }

        void entry(CaseOwners.Entry e, boolean whole) throws IOException {
            text(e.id);
            text(e.pointer);
            out.writeByte(e.component == null ? NO_COMPONENT : whole ? WHOLE : HEAD);
            if (e.component != null) {
                component(e.component, whole);
            }
        }

        void component(CaseOwners.Component c, boolean whole) throws IOException {
            texts(c.members);
            writeVarint(out, c.nodes.size());
            for (var n : c.nodes.entrySet()) {
                text(n.getKey());
                if (whole) {
                    node(n.getValue());
                }
            }
            writeVarint(out, c.cases.size());
            for (var k : c.cases.entrySet()) {
                text(k.getKey());
                if (whole) {
                    kase(k.getValue());
                }
            }
            writeVarint(out, c.summaries.size());
            for (var s : c.summaries.entrySet()) {
                text(s.getKey());
                if (whole) {
                    summary(s.getValue());
                }
            }
            texts(c.retiredKeys);
            writeVarint(out, c.parked.size());
            for (OwnerMessage m : c.parked) {
                owner(m);
            }
            writeVarint(out, c.seen.size());
            for (var s : c.seen.entrySet()) {
                text(s.getKey());
                out.writeLong(s.getValue());
            }
        }

        void address(CaseOwners.Address a) throws IOException {
            text(a.caseId);
            text(a.referral);
            writeVarint(out, a.waiting.size());
            for (OwnerMessage m : a.waiting) {
                owner(m);
            }
        }

        void owner(OwnerMessage m) throws IOException {
            kind(m.kind());
            text(m.to());
            out.writeBoolean(m.graph() != null);
            if (m.graph() != null) {
                graph(m.graph());
            }
            texts(m.referrals());
            text(m.root());
            out.writeByte(m.component() == null ? NO_COMPONENT : WHOLE);
            if (m.component() != null) {
                component(m.component(), true);
            }
        }

        void graph(GraphMessage g) throws IOException {
            kind(g.type());
            text(g.hubReferralId());
            out.writeBoolean(g.amendment());
            out.writeBoolean(g.summary() != null);
            if (g.summary() != null) {
                summary(g.summary());
            }
            out.writeInt(g.expectedKeys());
            text(g.blockingKey());
            writeVarint(out, g.edges().size());
            for (GraphMessage.Edge e : g.edges()) {
                text(e.other());
                out.writeDouble(e.weight());
                out.writeBoolean(e.match());
                text(e.key());
            }
            text(g.caseA());
            text(g.caseB());
            out.writeBoolean(g.link());
            texts(g.referrals());
        }

        void node(Node n) throws IOException {
            text(n.id);
            out.writeBoolean(n.announced);
            out.writeInt(n.expected);
            texts(n.received);
            weights(n.match);
            weights(n.review);
            weightsByKey(n.matchByKey);
            weightsByKey(n.reviewByKey);
            texts(n.confirmed);
            texts(n.keptApart);
            out.writeBoolean(n.placed);
            text(n.caseId);
            out.writeInt(n.pendingAmendments);
        }

        void kase(Case k) throws IOException {
            text(k.caseId);
            texts(k.members);
            text(k.queue);
            out.writeBoolean(k.held);
        }

        void summary(ReferralSummary s) throws IOException {
            text(s.hubReferralId());
            text(s.agency());
            text(s.agencyReferralId());
            text(s.crimeReference());
            text(s.caseType());
            text(s.justiceStage());
            text(s.district());
            text(s.offenceCode());
            text(s.offenceCategory());
            text(s.offenceDescription());
            texts(s.flags());
            writeVarint(out, s.parties().size());
            for (PartySummary p : s.parties()) {
                party(p);
            }
            out.writeByte(s.specialist() == null ? 0 : s.specialist() ? 2 : 1);
            text(s.detailsKeyId());
            text(s.sealedDetails());
        }

        void party(PartySummary p) throws IOException {
            text(p.role());
            text(p.forename());
            text(p.surname());
            out.writeBoolean(p.dateOfBirth() != null);
            if (p.dateOfBirth() != null) {
                out.writeLong(p.dateOfBirth().toEpochDay());
            }
            text(p.postcode());
            text(p.addressLine());
            text(p.dataKeyId());
            text(p.sealed());
            text(p.identity());
        }
    }

    /** Reads what {@link Out} wrote; every count is checked against the bytes left before anything is allocated. */
    private static final class In {
        private final BinaryIn in;
        private final List<String> read = new ArrayList<>();

        In(BinaryIn in) {
            this.in = in;
        }

        String text() throws IOException {
            int tag = readVarint(in);
            if (tag == NULL) {
                return null;
            }
            if (tag == NEW) {
                String s = in.readUtf8(varCount(in));
                read.add(s);
                return s;
            }
            if (tag - 2 >= read.size()) {
                throw new IOException("string " + (tag - 2) + " of " + read.size() + " read");
            }
            return read.get(tag - 2);
        }

        /** A string that may not be null (an element or a key). */
        String name() throws IOException {
            String s = text();
            if (s == null) {
                throw new IOException("a null name");
            }
            return s;
        }

        Set<String> set() throws IOException {
            Set<String> ss = new HashSet<>();
            for (int i = varCount(in); i > 0; i--) {
                ss.add(name());
            }
            return ss;
        }

        List<String> list() throws IOException {
            int n = varCount(in);
            List<String> ss = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ss.add(name());
            }
            return ss;
        }

        <E extends Enum<E>> E kind(E[] values) throws IOException {
            int k = readVarint(in);
            if (k > values.length) {
                throw new IOException("kind " + k + " of " + values.length);
            }
            return k == 0 ? null : values[k - 1];
        }

        Map<String, Double> weights() throws IOException {
            Map<String, Double> ws = new LinkedHashMap<>();
            for (int i = varCount(in); i > 0; i--) {
                ws.put(name(), in.readDouble());
            }
            return ws;
        }

        Map<String, Map<String, Double>> weightsByKey() throws IOException {
            Map<String, Map<String, Double>> ws = new LinkedHashMap<>();
            for (int i = varCount(in); i > 0; i--) {
                ws.put(name(), weights());
            }
            return ws;
        }

        CaseOwners.Entry entry() throws IOException {
            CaseOwners.Entry e = new CaseOwners.Entry();
            e.id = text();
            e.pointer = text();
            e.component = component(false);
            return e;
        }

        /** A component after its tag; null for none; only a whole one where {@code onlyWhole} (an ABSORB's). */
        CaseOwners.Component component(boolean onlyWhole) throws IOException {
            int tag = in.readUnsignedByte();
            if (tag > HEAD || onlyWhole && (tag == HEAD || tag == HEAD_UNDATED)) {
                throw new IOException("component " + tag);
            }
            if (tag == NO_COMPONENT) {
                return null;
            }
            boolean whole = tag == WHOLE || tag == WHOLE_UNDATED;
            CaseOwners.Component c = new CaseOwners.Component();
            c.members = set();
            c.nodes = new LinkedHashMap<>();
            for (int i = varCount(in); i > 0; i--) {
                c.nodes.put(name(), whole ? node() : null);
            }
            c.cases = new LinkedHashMap<>();
            for (int i = varCount(in); i > 0; i--) {
                c.cases.put(name(), whole ? kase() : null);
            }
            c.summaries = new LinkedHashMap<>();
            for (int i = varCount(in); i > 0; i--) {
                c.summaries.put(name(), whole ? summary() : null);
            }
            c.retiredKeys = set();
            c.parked = new ArrayList<>();
            for (int i = varCount(in); i > 0; i--) {
                c.parked.add(owner());
            }
            if (tag == WHOLE || tag == HEAD) {
                c.seen = new LinkedHashMap<>();
                for (int i = varCount(in); i > 0; i--) {
                    c.seen.put(name(), in.readLong());
                }
            }
            return c;
        }

        CaseOwners.Address address() throws IOException {
            CaseOwners.Address a = new CaseOwners.Address();
            a.caseId = text();
            a.referral = text();
            for (int i = varCount(in); i > 0; i--) {
                a.waiting.add(owner());
            }
            return a;
        }

        OwnerMessage owner() throws IOException {
            OwnerMessage.Kind kind = kind(OwnerMessage.Kind.values());
            String to = text();
            GraphMessage graph = in.readBoolean() ? graph() : null;
            List<String> referrals = list();
            String root = text();
            CaseOwners.Component component = component(true);
            return new OwnerMessage(kind, to, graph, referrals, root, component);
        }

        GraphMessage graph() throws IOException {
            GraphMessage.Type type = kind(GraphMessage.Type.values());
            String referral = text();
            boolean amendment = in.readBoolean();
            ReferralSummary summary = in.readBoolean() ? summary() : null;
            int expectedKeys = in.readInt();
            String blockingKey = text();
            int n = varCount(in);
            List<GraphMessage.Edge> edges = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                edges.add(new GraphMessage.Edge(text(), in.readDouble(), in.readBoolean(), text()));
            }
            String caseA = text();
            String caseB = text();
            boolean link = in.readBoolean();
            List<String> referrals = list();
            return new GraphMessage(
                    type,
                    referral,
                    amendment,
                    summary,
                    expectedKeys,
                    blockingKey,
                    edges,
                    caseA,
                    caseB,
                    link,
                    referrals);
        }

        Node node() throws IOException {
            Node n = new Node();
            n.id = text();
            n.announced = in.readBoolean();
            n.expected = in.readInt();
            n.received = set();
            n.match = weights();
            n.review = weights();
            n.matchByKey = weightsByKey();
            n.reviewByKey = weightsByKey();
            n.confirmed = set();
            n.keptApart = set();
            n.placed = in.readBoolean();
            n.caseId = text();
            n.pendingAmendments = in.readInt();
            return n;
        }

        Case kase() throws IOException {
            Case k = new Case();
            k.caseId = text();
            k.members = set();
            k.queue = text();
            k.held = in.readBoolean();
            return k;
        }

        ReferralSummary summary() throws IOException {
            String hubReferralId = text();
            String agency = text();
            String agencyReferralId = text();
            String crimeReference = text();
            String caseType = text();
            String justiceStage = text();
            String district = text();
            String offenceCode = text();
            String offenceCategory = text();
            String offenceDescription = text();
            List<String> flags = list();
            int n = varCount(in);
            List<PartySummary> parties = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                parties.add(party());
            }
            byte specialist = in.readByte();
            if (specialist < 0 || specialist > 2) {
                throw new IOException("specialist " + specialist);
            }
            return new ReferralSummary(
                    hubReferralId,
                    agency,
                    agencyReferralId,
                    crimeReference,
                    caseType,
                    justiceStage,
                    district,
                    offenceCode,
                    offenceCategory,
                    offenceDescription,
                    flags,
                    parties,
                    specialist == 0 ? null : specialist == 2,
                    text(),
                    text());
        }

        PartySummary party() throws IOException {
            String role = text();
            String forename = text();
            String surname = text();
            LocalDate dob = in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
            return new PartySummary(role, forename, surname, dob, text(), text(), text(), text(), text());
        }
    }
}
