package org.rjhub.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.registry.SchemaRegistrar;

/**
 * A real Apicurio Registry (Apache 2.0; Confluent-compatible API at {@code /apis/ccompat/v7}),
 * in-memory storage, on loopback only, run from the tarball Maven unpacked. Its access rules are
 * {@code deploy/registry-auth.properties} (anyone reads; only a token with the admin role changes
 * anything), its tokens those of the issuer it is given.
 */
final class ApicurioRegistry implements AutoCloseable {

    private final ManagedProcess process;
    private final ClassArchive classes;
    private final String url;

    private ApicurioRegistry(ManagedProcess process, ClassArchive classes, String url) {
        this.process = process;
        this.classes = classes;
        this.url = url;
    }

    /** The registry's access rules, beside the topic catalogue. */
    static final String AUTH_PROPERTIES = "deploy/registry-auth.properties";

    /**
     * @param issuer the OpenID Connect issuer whose bearer tokens the registry trusts (its discovery
     *               document, at {@code <issuer>/.well-known/openid-configuration}, must answer now)
     */
    static ApicurioRegistry launch(StackLayout layout, Path dataDir, int port, String heap, URI issuer) {
        int httpPort = Ports.pick(port);
        int managementPort = Ports.pick(0);
        // started from an archive of the classes its last run loaded (the runner jar and its lib/ folder)
        ClassArchive classes = ClassArchive.of(
                layout.classArchives(),
                "apicurio-registry",
                List.of(layout.registryJar(), layout.registryJar().resolveSibling("lib")));
        List<String> command = new java.util.ArrayList<>(List.of(ManagedProcess.java()));
        command.addAll(classes.jvmOptions());
        command.addAll(List.of(
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:MetaspaceSize=128m",
                "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + httpPort,
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=" + managementPort,
                "-Dquarkus.log.level=WARN",
                "-Dquarkus.banner.enabled=false",
                // JSON-P's provider named, not looked up: each token the registry checks builds JSON values, and each
                // lookup (a ServiceLoader over the few hundred jars of its class path) cost more than the check itself
                "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl",
                // no line per request (the access log, Apicurio's INFO lines on each authorisation and audit, the
                // token checks' DEBUG lines): warnings and errors only, as quarkus.log.level says
                "-Dquarkus.http.access-log.enabled=false",
                "-Dquarkus.log.category.\"io.apicurio\".level=WARN",
                "-Dquarkus.log.category.\"io.quarkus.oidc.runtime.OidcProvider\".level=WARN",
                // log levels are never changed through the registry's API here: no reading them back every second
                "-Dapicurio.logconfigjob.every=1h",
                "-Dquarkus.config.locations="
                        + layout.projectRoot().resolve(AUTH_PROPERTIES).toAbsolutePath(),
                "-Dquarkus.oidc.auth-server-url=" + issuer,
                "-jar",
                layout.registryJar().toAbsolutePath().toString()));
        ManagedProcess p = ManagedProcess.start(
                "apicurio registry", command, layout.registryJar().getParent(), dataDir.resolve("registry.log"));
        return new ApicurioRegistry(p, classes, "http://127.0.0.1:" + httpPort);
    }

    String url() {
        return url;
    }

    ManagedProcess process() {
        return process;
    }

    void awaitReady(String bootstrapServers, Duration timeout) {
        SchemaRegistrar probe = new SchemaRegistrar(KafkaConnection.of(bootstrapServers, url));
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!probe.isReachable()) {
            // a registry that cannot bind its port has failed its start, though its JVM may take a while yet to end
            if (PortTakenException.shownIn(process.log())) {
                throw new PortTakenException("Apicurio Registry", process.log());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited during start-up; see " + process.log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Apicurio Registry not ready after " + timeout.toSeconds() + " s; see " + process.log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the registry", e);
            }
        }
    }

    /**
     * Stops the process for a stack whose data goes with it: at once (SIGKILL), since nothing it would do on a gentle
     * stop is kept; gently when its JVM still has its class archive to write as it exits.
     */
    void discard() {
        if (classes.writesAtExit()) {
            close();
        } else {
            process.kill();
        }
    }

    /** Stops the process of a start that failed at once (SIGKILL), keeping no class archive of it. */
    void abandon() {
        process.kill();
        classes.abandoned();
    }

    @Override
    public void close() {
        process.close();
        classes.exited();
    }
}
