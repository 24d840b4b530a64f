package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate: a change to a contract that breaks BACKWARD compatibility with a released version fails the build. */
class BackwardCompatibilityTest {

    static Stream<Arguments> releasedVersions() {
        return Contracts.valueSchemas().stream().flatMap(current -> {
            var versions = Compatibility.releasedVersions(current.getFullName());
            return IntStream.range(0, versions.size())
                    .mapToObj(i -> Arguments.of(current.getName(), "v" + (i + 1), current, versions.get(i)));
        });
    }

    @ParameterizedTest(name = "current {0} reads data written with released {1}")
    @MethodSource("releasedVersions")
    void shouldReadDataWrittenWithEveryReleasedVersion(String record, String version, Schema current, Schema released) {
        var report = Compatibility.checkBackward(current, released);

        assertThat(report.compatible())
                .as("%s against released %s:%n%s", record, version, report.describe())
                .isTrue();
    }
}
