package org.rjhub.stack;

/**
 * How to run the local stack.
 *
 * @param kafkaPort    broker port, 0 to pick a free one
 * @param registryPort registry port, 0 to pick a free one
 * @param brokerHeap   broker heap, e.g. {@code 512m}
 * @param registryHeap registry heap, e.g. {@code 256m}
 * @param keepData     keep the data folder after shutdown (for post-mortems)
 * @param secure       run the broker secured: TLS and SASL SCRAM-SHA-512 on its client listener, the
 *                     controller listener secured too, ACLs from {@code deploy/access.yaml}, one user
 *                     per principal (see {@link StackSecurity}); plaintext and open when false
 */
public record StackOptions(
        int kafkaPort, int registryPort, String brokerHeap, String registryHeap, boolean keepData, boolean secure) {

    public StackOptions {
        if (kafkaPort < 0 || registryPort < 0 || kafkaPort > 65535 || registryPort > 65535) {
            throw new IllegalArgumentException("ports must be between 0 and 65535");
        }
        if (!brokerHeap.matches("\\d+[mg]") || !registryHeap.matches("\\d+[mg]")) {
            throw new IllegalArgumentException("heap sizes look like 512m or 1g");
        }
    }

    /** A plaintext stack. */
    public StackOptions(int kafkaPort, int registryPort, String brokerHeap, String registryHeap, boolean keepData) {
        this(kafkaPort, registryPort, brokerHeap, registryHeap, keepData, false);
    }

    /** Secured (the hub's default: {@code hub up}, {@code hub demo}, the integration tests), free ports. */
    public static StackOptions defaults() {
        return new StackOptions(0, 0, "512m", "256m", false, true);
    }

    /** These options with the broker secured. */
    public StackOptions secured() {
        return new StackOptions(kafkaPort, registryPort, brokerHeap, registryHeap, keepData, true);
    }

    /** These options with the broker plaintext and open: for debugging, or beside a broker the stack does not run. */
    public StackOptions plaintext() {
        return new StackOptions(kafkaPort, registryPort, brokerHeap, registryHeap, keepData, false);
    }
}
