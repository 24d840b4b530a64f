package org.rjhub.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.agencies.Agency;
import org.rjhub.agencies.json.AgencyJson;

/**
 * Writes a generated batch as agency JSON files ({@code police.json}, {@code probation.json},
 * {@code victimsupport.json}) and its truth ({@code truth.json}).
 *
 * <pre>
 * java -cp ... org.rjhub.simulator.SimulatorMain --seed 42 --incidents 50 --out target/samples [--clean] [--limit 5]
 * </pre>
 * {@code --clean} generates only valid records (no invalid, youth, out-of-area, redelivered or amended ones);
 * {@code --limit} keeps at most that many records per agency.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) {
        long seed = 42;
        int incidents = 20;
        Path out = Path.of(".");
        boolean clean = false;
        int limit = Integer.MAX_VALUE;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--incidents" -> incidents = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--clean" -> clean = true;
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; options: --seed N --incidents N --out DIR [--clean] [--limit N]");
            }
        }
        var config = clean ? SimulatorConfig.defaults().cleanOnly() : SimulatorConfig.defaults();
        var batch = new AgencySimulator(seed, config).generate(incidents);
        var written = writeFiles(batch, out, limit);
        System.out.printf(
                "wrote %d records of %d incidents (seed %d) to %s%n", written, incidents, seed, out.toAbsolutePath());
    }

    /**
     * Writes one JSON file per agency and {@code truth.json}.
     *
     * @param batch the batch
     * @param dir   the folder (created if needed)
     * @param limit at most this many records per agency
     * @return the number of records written
     */
    public static int writeFiles(Batch batch, Path dir, int limit) {
        try {
            Files.createDirectories(dir);
            var truth = JsonNodeFactory.instance.arrayNode();
            int written = 0;
            for (var agency : Agency.values()) {
                var indexes = batch.indexesOf(agency).stream().limit(limit).toList();
                var values = new ArrayList<SpecificRecord>();
                indexes.forEach(i -> values.add(batch.record(i).value()));
                write(AgencyJson.forAgency(agency), values, dir.resolve(agency.fileName()));
                written += values.size();
                for (var i : indexes) {
                    var e = batch.expectation(i);
                    var node = truth.addObject()
                            .put("index", i)
                            .put("agency", agency.name())
                            .put("key", batch.record(i).key())
                            .put("kind", e.kind().name())
                            .put("rule", e.rule() == null ? null : e.rule().name())
                            .put("fieldPath", e.fieldPath())
                            .put("incidentId", e.incidentId())
                            .put("originalIndex", e.originalIndex());
                    var persons = node.putObject("personIds");
                    e.personIds().forEach(persons::put);
                    var flags = node.putArray("sensitivity");
                    e.sensitivity().forEach(f -> flags.add(f.name()));
                }
            }
            var mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(
                    dir.resolve("truth.json"), mapper.writeValueAsString(truth) + "\n", StandardCharsets.UTF_8);
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir, e);
        }
    }

    private static <T extends SpecificRecord> void write(AgencyJson<T> json, List<SpecificRecord> values, Path file) {
        json.write(values.stream().map(json.type()::cast).toList(), file);
    }
}
