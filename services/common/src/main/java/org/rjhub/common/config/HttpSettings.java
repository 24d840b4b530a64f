package org.rjhub.common.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * The HTTP port and bind address every hub service has, named the same way in each: {@value #PORT} and
 * {@value #HOST} (environment {@code RJ_<SERVICE>_RJ_HTTP_PORT} and {@code RJ_<SERVICE>_RJ_HTTP_HOST}). A service
 * binds loopback unless told otherwise (a sidecar or node agent scrapes and probes); any address is allowed, e.g.
 * {@code 0.0.0.0} in a container.
 */
public final class HttpSettings {

    public static final String PORT = "rj.http.port";
    public static final String HOST = "rj.http.host";
    /** The default bind address. */
    public static final String LOOPBACK = "127.0.0.1";

    private HttpSettings() {}

    /**
     * Adds {@value #PORT} and {@value #HOST} to {@code def}.
     *
     * @param defaultPort the service's port by default
     * @param serves      what the port serves, for the documentation (e.g. "/health/live, /health/ready and /metrics")
     */
    public static ConfigDef define(ConfigDef def, int defaultPort, String serves) {
        return def.define(
                        PORT,
                        Type.INT,
                        defaultPort,
                        ConfigDef.Range.between(-1, 65535),
                        Importance.MEDIUM,
                        "Port of " + serves + "; 0 picks a free one, -1 serves none.")
                .define(
                        HOST,
                        Type.STRING,
                        LOOPBACK,
                        new ConfigDef.NonEmptyString(),
                        Importance.MEDIUM,
                        "Address the HTTP port binds: loopback by default; 0.0.0.0 for every interface (a container).");
    }

    /** The port of a config defined with {@link #define}: 0 picks one, -1 serves none. */
    public static int port(AbstractConfig config) {
        return config.getInt(PORT);
    }

    /** The bind address of a config defined with {@link #define}. */
    public static String host(AbstractConfig config) {
        return config.getString(HOST).trim();
    }
}
