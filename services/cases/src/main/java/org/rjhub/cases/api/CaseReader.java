package org.rjhub.cases.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rjhub.cases.lifecycle.CaseState;

/**
 * Where the API reads cases: the service's own state store (interactive queries), or a fake in tests. The case
 * service may run as several instances, each holding the cases of its partitions; a reader then also says which
 * instance holds a case ({@link #holderOf}) and which partitions each holds ({@link #shares}), so that any instance
 * answers for all. The defaults are one instance holding every case.
 */
public interface CaseReader {

    /** An instance of the case service, where its API answers (its Kafka Streams {@code application.server}). */
    record Instance(String host, int port) {

        /** {@code http://host:port}, the base of its API. */
        public String baseUrl() {
            return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * Who holds a case now.
     *
     * @param elsewhere the instance holding it; null when this one does
     * @param partition its partition of the case state
     */
    record Holder(Instance elsewhere, int partition) {

        /** This instance, when it is the only one. */
        public static final Holder HERE = new Holder(null, -1);

        public boolean here() {
            return elsewhere == null;
        }
    }

    /**
     * What one instance answers for.
     *
     * @param elsewhere  the instance; null for this one
     * @param partitions its partitions of the case state; empty: every case it holds
     */
    record Share(Instance elsewhere, Set<Integer> partitions) {

        public Share {
            partitions = Set.copyOf(partitions);
        }

        public boolean here() {
            return elsewhere == null;
        }
    }

    /**
     * The cases cannot be read correctly now: they are moving between instances (a rebalance, a restore), or the
     * instance holding them does not answer. Answered 503 with {@code Retry-After}, never with a partial answer.
     */
    final class Unavailable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * The case, held by this instance.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance does not hold it now
     */
    Optional<CaseState> get(String caseId);

    /** Every case this instance holds. */
    List<CaseState> all();

    /** True once the state can be queried. */
    boolean ready();

    /**
     * Which instance holds the case now.
     *
     * @throws Unavailable while that is changing
     */
    default Holder holderOf(String caseId) {
        return Holder.HERE;
    }

    /**
     * Every instance holding cases now, each with its partitions: together, every partition once.
     *
     * @throws Unavailable while that is changing
     */
    default List<Share> shares() {
        return List.of(new Share(null, Set.of()));
    }

    /**
     * The cases of {@code partitions} (empty: every case this instance holds), each read from this instance's own
     * active copy.
     *
     * @throws org.apache.kafka.streams.errors.InvalidStateStoreException when this instance does not hold one of them
     */
    default List<CaseState> all(Set<Integer> partitions) {
        return all();
    }
}
