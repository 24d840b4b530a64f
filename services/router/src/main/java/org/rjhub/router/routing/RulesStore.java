package org.rjhub.router.routing;

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
 * does not parse is refused and logged; the previous one stays in force.
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
            last = RoutingRules.parse(text);
            lastText = text;
        }
        return last;
    }

    /** Feeds the global store, keeping only versions that parse. */
    public static final class Loader implements Processor<String, String, Void, Void> {
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            if (!KEY.equals(record.key()) || record.value() == null) {
                return;
            }
            try {
                RoutingRules rules = RoutingRules.parse(record.value());
                store.put(KEY, record.value());
                LOG.info("Routing rules version {} in force", rules.version());
            } catch (IllegalArgumentException e) {
                LOG.error("Published routing rules refused, previous version stays in force: {}", e.getMessage());
            }
        }
    }
}
