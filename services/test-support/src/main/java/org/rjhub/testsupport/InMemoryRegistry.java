package org.rjhub.testsupport;

import io.apicurio.registry.resolver.client.RegistryArtifactReference;
import io.apicurio.registry.resolver.client.RegistryClientFacade;
import io.apicurio.registry.resolver.client.RegistryVersionCoordinates;
import io.apicurio.registry.resolver.strategy.ArtifactReference;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.avro.Schema;
import org.rjhub.common.config.KafkaConnection;
import org.rjhub.common.registry.CatalogueSchemas;
import org.rjhub.common.serde.AvroSerdes;
import org.rjhub.common.topics.TopicCatalogue;

/**
 * A schema registry in memory, for tests that need the hub's Avro serdes but no registry server
 * ({@code TopologyTestDriver} tests). It answers Apicurio's serdes through their own registry client
 * interface, so the serdes under test are production's (Apicurio's, writing the Confluent wire format:
 * magic byte 0, 4-byte content id, Avro binary); only the schema lookups are in memory.
 *
 * <p>As in a fresh registry, content ids and global ids count from 1, the same text gets the same content
 * id, and a subject is an artifact of the {@code default} group. It checks no compatibility: the build
 * (against {@code schemas/released/}) and the real registry in the {@code *IT} tests do.
 */
public final class InMemoryRegistry implements RegistryClientFacade {

    private static final String DEFAULT_GROUP = "default";
    private static final KafkaConnection NO_CLUSTER =
            KafkaConnection.of("in-memory.invalid:9092", "http://in-memory.invalid");

    private final Map<Long, String> contents = new HashMap<>();
    private final Map<String, Long> contentIds = new HashMap<>();
    private final Map<Long, Version> versions = new HashMap<>();
    private final Map<String, List<Version>> artifacts = new HashMap<>();
    private long nextGlobalId = 1;

    private record Version(long globalId, long contentId, String groupId, String artifactId, String version) {

        RegistryVersionCoordinates coordinates() {
            return RegistryVersionCoordinates.create(globalId, contentId, groupId, artifactId, version);
        }
    }

    /** A registry holding the current schema of every catalogue topic's value, as provisioning registers them. */
    public static InMemoryRegistry withCatalogue() {
        InMemoryRegistry registry = new InMemoryRegistry();
        registry.registerAll(CatalogueSchemas.subjects(TopicCatalogue.load(), UnaryOperator.identity()));
        return registry;
    }

    /**
     * A connection for the services' typed config, which wants one: a {@code TopologyTestDriver} never connects,
     * and serdes bound to this registry never call the URL.
     */
    public static KafkaConnection connection() {
        return NO_CLUSTER;
    }

    /** The hub's Avro serdes, with their schema lookups answered here. */
    public AvroSerdes serdes() {
        return new AvroSerdes(this, false);
    }

    /**
     * {@code streams} with this registry as the registry client of the record handlers that Kafka Streams
     * configures from them ({@value AvroSerdes#REGISTRY_CLIENT}).
     */
    public Properties bind(Properties streams) {
        streams.put(AvroSerdes.REGISTRY_CLIENT, this);
        return streams;
    }

    /** Registers {@code schema} as the next version of {@code subject}; returns its content id (the wire id). */
    public synchronized long register(String subject, Schema schema) {
        return create(DEFAULT_GROUP, subject, null, schema.toString(), "FIND_OR_CREATE_VERSION")
                .contentId();
    }

    /** Registers every subject of {@code subjects}; returns subject to content id. */
    public Map<String, Long> registerAll(Map<String, Schema> subjects) {
        Map<String, Long> ids = new TreeMap<>();
        subjects.forEach((subject, schema) -> ids.put(subject, register(subject, schema)));
        return ids;
    }

    /** The content id of a subject's latest version: the id its records carry after the magic byte. */
    public synchronized long contentId(String subject) {
        return latest(DEFAULT_GROUP, subject).contentId();
    }

    /** The schema text of a content id, or empty when this registry has none (a real one answers 404). */
    public synchronized java.util.Optional<String> schemaText(long contentId) {
        return java.util.Optional.ofNullable(contents.get(contentId));
    }

    @Override
    public synchronized String getSchemaByContentId(Long contentId) {
        String content = contents.get(contentId);
        if (content == null) {
            throw new NoSuchElementException("No content with id " + contentId + " in the in-memory registry");
        }
        return content;
    }

    @Override
    public synchronized String getSchemaByGlobalId(long globalId, boolean dereferenced) {
        return contents.get(version(globalId).contentId());
    }

    @Override
    public synchronized String getSchemaByGAV(String groupId, String artifactId, String version) {
        return contents.get(find(groupId, artifactId, version).contentId());
    }

    @Override
    public synchronized String getSchemaByContentHash(String contentHash) {
        for (Map.Entry<Long, String> e : contents.entrySet()) {
            if (hash(e.getValue()).equals(contentHash)) {
                return e.getValue();
            }
        }
        throw new NoSuchElementException("No content with hash " + contentHash + " in the in-memory registry");
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByContentId(long contentId) {
        getSchemaByContentId(contentId);
        return List.of();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGlobalId(long globalId) {
        version(globalId);
        return List.of();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByGAV(
            String groupId, String artifactId, String version) {
        find(groupId, artifactId, version);
        return List.of();
    }

    @Override
    public synchronized List<RegistryArtifactReference> getReferencesByContentHash(String contentHash) {
        getSchemaByContentHash(contentHash);
        return List.of();
    }

    @Override
    public synchronized List<RegistryVersionCoordinates> searchVersionsByContent(
            String content, String artifactType, ArtifactReference reference, boolean canonical) {
        Long contentId = contentIds.get(content);
        List<RegistryVersionCoordinates> found = new ArrayList<>();
        if (contentId == null) {
            return found;
        }
        for (Version v : artifacts.getOrDefault(key(reference.getGroupId(), reference.getArtifactId()), List.of())) {
            if (v.contentId() == contentId) {
                found.add(v.coordinates());
            }
        }
        return found;
    }

    @Override
    public synchronized RegistryVersionCoordinates createSchema(
            String artifactType,
            String groupId,
            String artifactId,
            String version,
            String ifExists,
            boolean canonical,
            String content,
            Set<RegistryArtifactReference> references) {
        if (references != null && !references.isEmpty()) {
            throw new UnsupportedOperationException("the in-memory registry keeps no schema references");
        }
        return create(groupId, artifactId, version, content, ifExists).coordinates();
    }

    @Override
    public synchronized RegistryVersionCoordinates getVersionCoordinatesByGAV(
            String groupId, String artifactId, String version) {
        return find(groupId, artifactId, version).coordinates();
    }

    @Override
    public Object getClient() {
        return this;
    }

    private Version create(String groupId, String artifactId, String version, String content, String ifExists) {
        String group = group(groupId);
        List<Version> existing = artifacts.computeIfAbsent(key(group, artifactId), k -> new ArrayList<>());
        if (!existing.isEmpty() && "FAIL".equals(ifExists)) {
            throw new IllegalStateException("artifact " + group + "/" + artifactId + " exists");
        }
        long contentId = contentIds.computeIfAbsent(content, c -> {
            long id = contents.size() + 1L;
            contents.put(id, c);
            return id;
        });
        if (!"CREATE_VERSION".equals(ifExists)) {
            for (Version v : existing) {
                if (v.contentId() == contentId) {
                    return v;
                }
            }
        }
        Version created = new Version(
                nextGlobalId++,
                contentId,
                group,
                artifactId,
                version == null ? String.valueOf(existing.size() + 1) : version);
        existing.add(created);
        versions.put(created.globalId(), created);
        return created;
    }

    private Version version(long globalId) {
        Version v = versions.get(globalId);
        if (v == null) {
            throw new NoSuchElementException("No version with global id " + globalId + " in the in-memory registry");
        }
        return v;
    }

    private Version find(String groupId, String artifactId, String version) {
        if (version == null || version.equals("latest") || version.equals("branch=latest")) {
            return latest(groupId, artifactId);
        }
        for (Version v : artifacts.getOrDefault(key(groupId, artifactId), List.of())) {
            if (v.version().equals(version)) {
                return v;
            }
        }
        throw new NoSuchElementException(
                "No version " + version + " of " + group(groupId) + "/" + artifactId + " in the in-memory registry");
    }

    private Version latest(String groupId, String artifactId) {
        List<Version> all = artifacts.getOrDefault(key(groupId, artifactId), List.of());
        if (all.isEmpty()) {
            throw new NoSuchElementException(
                    "No artifact " + group(groupId) + "/" + artifactId + " in the in-memory registry");
        }
        return all.get(all.size() - 1);
    }

    private static String key(String groupId, String artifactId) {
        return group(groupId) + "/" + artifactId;
    }

    private static String group(String groupId) {
        return groupId == null ? DEFAULT_GROUP : groupId;
    }

    private static String hash(String content) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
