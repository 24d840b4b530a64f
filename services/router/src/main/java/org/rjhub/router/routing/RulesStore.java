package org.rjhub.router.routing;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing rules as every router instance sees them: a global store fed from the compacted
 * {@code rj.routing-rules.v1}; the shipped defaults until a version is published. A version that
 * does not parse, or fails {@link RoutingRules#problems} (a queue not in the catalogue, a sensitive
 * category sent to area queues without saying so, a version going back), is refused: logged without
 * personal data (rules hold none), counted ({@code rules-refused-total}), and the one in force stays.
 */
public final class RulesStore {

    /** Global store name. */
    public static final String STORE = "routing-rules";
    /** The one key under which the rules are published. */
    public static final String KEY = "rules";

    private static final Logger LOG = LoggerFactory.getLogger(RulesStore.class);

    private final ReadOnlyKeyValueStore<String, String> store;
    private String lastText;
    private RoutingRules last = RoutingRules.defaults();

    public RulesStore(ReadOnlyKeyValueStore<String, String> store) {
        this.store = store;
    }

    /** The rules in force now (parsed once per published version). */
    public RoutingRules current() {
        String text = store.get(KEY);
        if (text != null && !text.equals(lastText)) {
            lastText = text;
            try {
                last = RoutingRules.parse(text);
            } catch (IllegalArgumentException e) {
                // only checked versions are stored; a store restored from the topic could still hold another
                LOG.error("Stored routing rules do not parse; version {} stays in force", last.version());
            }
        }
        return last;
    }

    /** Feeds the global store, keeping only versions that parse and pass the checks against the one in force. */
    public static final class Loader implements Processor<String, String, Void, Void> {
        private final java.util.Collection<String> queues;
        private KeyValueStore<String, String> store;
        private Sensor refused;

        /** @param queues the facilitator queues of the topic catalogue (short names) */
        public Loader(java.util.Collection<String> queues) {
            this.queues = java.util.Set.copyOf(queues);
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
            refused = context.metrics()
                    .addRateTotalSensor("rj-router", "routing-rules", "rules-refused", Sensor.RecordingLevel.INFO);
        }

        @Override
        public void process(Record<String, String> record) {
            if (!KEY.equals(record.key()) || record.value() == null) {
                return;
            }
            String text = store.get(KEY);
            RoutingRules inForce = RoutingRules.defaults();
            if (text != null) {
                try {
                    inForce = RoutingRules.parse(text);
                } catch (IllegalArgumentException e) {
                    text = null; // nothing valid stored: the shipped defaults are in force
                }
            }
            try {
                RoutingRules rules = RoutingRules.parse(record.value());
                java.util.List<String> problems = rules.problems(queues, inForce, text != null);
                if (!problems.isEmpty()) {
                    refuse(inForce, String.join("; ", problems));
                    return;
                }
                store.put(KEY, record.value());
                LOG.info("Routing rules version {} in force", rules.version());
            } catch (IllegalArgumentException e) {
                refuse(inForce, e.getMessage());
            }
        }

        private void refuse(RoutingRules inForce, String why) {
            refused.record();
            LOG.error("Published routing rules refused, version {} stays in force: {}", inForce.version(), why);
        }
    }
}
