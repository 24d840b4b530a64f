package org.rjhub.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate: a change to a contract that breaks BACKWARD compatibility with a released version fails the build. */
class BackwardCompatibilityTest {

    static Stream<Arguments> releasedVersions() {
        return Contracts.all().stream().flatMap(contract -> {
            var versions = contract.releasedVersions();
            return java.util.stream.IntStream.range(0, versions.size())
                    .mapToObj(i -> Arguments.of(contract.subject(), "v" + (i + 1), contract, versions.get(i)));
        });
    }

    @ParameterizedTest(name = "{0} reads data written with released {1}")
    @MethodSource("releasedVersions")
    void shouldReadDataWrittenWithEveryReleasedVersion(String subject, String version, Contracts.Contract contract,
            org.apache.avro.Schema released) {
        var report = Compatibility.checkBackward(contract.schema(), released);

        assertThat(report.compatible()).as("%s against released %s:%n%s", subject, version, report.describe()).isTrue();
    }
}
