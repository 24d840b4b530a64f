package org.rjhub.cases.lifecycle;

import org.apache.kafka.common.serialization.Serde;
import org.rjhub.common.serde.JsonSerde;

/** The JSON form of {@link CaseState}: the store's serde, and deep copies. */
public final class CaseStateJson {

    private static final Serde<CaseState> SERDE = JsonSerde.of(CaseState.class);

    private CaseStateJson() {}

    public static Serde<CaseState> serde() {
        return SERDE;
    }

    public static byte[] write(CaseState state) {
        return SERDE.serializer().serialize("cases", state);
    }

    public static CaseState read(byte[] json) {
        return SERDE.deserializer().deserialize("cases", json);
    }

    static CaseState copy(CaseState state) {
        return read(write(state));
    }
}
