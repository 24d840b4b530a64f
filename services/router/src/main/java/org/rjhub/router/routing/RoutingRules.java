package org.rjhub.router.routing;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.rjhub.contracts.hub.SensitivityFlag;

/**
 * The routing rules operations edit ({@code deploy/routing-rules.yaml}): areas, the rollout flag,
 * the thematic queues. Immutable; a new version arrives on {@code rj.routing-rules.v1}.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record RoutingRules(
        int version,
        int youthAgeLimit,
        boolean countyWide,
        boolean holdAwaitingCourt,
        List<Area> areas,
        Set<SensitivityFlag> specialistFlags,
        String specialistQueue,
        String postSentenceQueue,
        String neighbourDisputeQueue,
        Set<SensitivityFlag> sensitiveToAreaQueues) {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String DEFAULT_RESOURCE = "/org/rjhub/router/routing/routing-rules.yaml";

    /**
     * An area team.
     *
     * @param district     district name as agencies give it
     * @param queue        queue short name ({@code rj.queue.<queue>.v1})
     * @param pilot        served before the county-wide rollout
     * @param outwardCodes postcode districts covered
     */
    public record Area(String district, String queue, boolean pilot, List<String> outwardCodes) {
        public Area {
            outwardCodes = outwardCodes == null ? List.of() : List.copyOf(outwardCodes);
        }
    }

    public RoutingRules {
        if (areas == null || areas.isEmpty()) {
            throw new IllegalArgumentException("routing rules declare no areas");
        }
        if (youthAgeLimit < 10 || youthAgeLimit > 25) {
            throw new IllegalArgumentException("youthAgeLimit must be between 10 and 25, was " + youthAgeLimit);
        }
        areas = List.copyOf(areas);
        specialistFlags = specialistFlags == null ? Set.of() : Set.copyOf(specialistFlags);
        sensitiveToAreaQueues = sensitiveToAreaQueues == null ? Set.of() : Set.copyOf(sensitiveToAreaQueues);
    }

    /**
     * Why this version may not replace the one in force, or an empty list when it may: every queue it names must
     * be a facilitator queue of the topic catalogue; every sensitive category (domestic abuse, sexual offences, hate
     * crime, stalking, trafficking) must go to the specialist queue unless {@code sensitiveToAreaQueues} names it
     * explicitly; and its version must not go back (a new text needs a higher version than the one in force).
     *
     * @param queues      the facilitator queues of the topic catalogue (short names)
     * @param inForce     the rules in force
     * @param published   whether {@code inForce} was published (false: the shipped defaults, which a first
     *                    publication of the same version may replace)
     */
    public List<String> problems(java.util.Collection<String> queues, RoutingRules inForce, boolean published) {
        List<String> problems = new java.util.ArrayList<>();
        java.util.Map<String, String> named = new java.util.LinkedHashMap<>();
        areas.forEach(a -> named.put("areas[" + a.district() + "].queue", a.queue()));
        named.put("specialistQueue", specialistQueue);
        named.put("postSentenceQueue", postSentenceQueue);
        named.put("neighbourDisputeQueue", neighbourDisputeQueue);
        named.forEach((field, queue) -> {
            if (queue == null || !queues.contains(queue)) {
                problems.add(field + " names queue '" + queue + "', which is not in the topic catalogue");
            }
        });
        for (SensitivityFlag flag : SensitivityFlag.values()) {
            if (!specialistFlags.contains(flag) && !sensitiveToAreaQueues.contains(flag)) {
                problems.add(flag + " is missing from specialistFlags: sensitive cases go to the specialist queue "
                        + "unless sensitiveToAreaQueues lists the flag explicitly");
            }
        }
        if (version < inForce.version()) {
            problems.add("version " + version + " is older than version " + inForce.version() + " in force");
        } else if (version == inForce.version() && published && !equals(inForce)) {
            problems.add("version " + version + " is already in force with other rules: bump the version");
        }
        return problems;
    }

    /** Parses YAML text; the message says what is wrong so operations can fix the file. */
    public static RoutingRules parse(String yaml) {
        try {
            return YAML.readValue(yaml, RoutingRules.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "routing rules are not valid: "
                            + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                                    ? j.getOriginalMessage()
                                    : e.getMessage()),
                    e);
        }
    }

    /** The rules shipped with the router, used until a version is published. */
    public static RoutingRules defaults() {
        return parse(defaultText());
    }

    public static String defaultText() {
        try (InputStream in = RoutingRules.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default routing rules missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The area of a district name, compared without case and punctuation. */
    public Optional<Area> areaOfDistrict(String district) {
        if (district == null) {
            return Optional.empty();
        }
        String wanted = simplify(district);
        return areas.stream().filter(a -> simplify(a.district()).equals(wanted)).findFirst();
    }

    /** The area covering a UK postcode's outward code. */
    public Optional<Area> areaOfPostcode(String postcode) {
        if (postcode == null || postcode.isBlank()) {
            return Optional.empty();
        }
        String outward = postcode.trim().toUpperCase(Locale.ROOT).split("\\s+")[0];
        return areas.stream().filter(a -> a.outwardCodes().contains(outward)).findFirst();
    }

    /** Whether the service takes cases from an area now (pilot, or county-wide rollout). */
    public boolean serves(Area area) {
        return countyWide || area.pilot();
    }

    private static String simplify(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    }
}
