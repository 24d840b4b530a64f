package org.rjhub.linker.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The FEBRL test sets kept in this module's test resources ({@code febrl/README.md} says where from). */
public final class FebrlData {

    private FebrlData() {}

    /** A FEBRL file by name, e.g. {@code dataset1.csv}; fails the test (never skips) when it is missing. */
    public static Path file(String dataset) {
        URL url = FebrlData.class.getResource("/febrl/" + dataset);
        assertThat(url).as("FEBRL test resource febrl/" + dataset).isNotNull();
        try {
            Path file = Path.of(url.toURI());
            assertThat(file).as("FEBRL file").isRegularFile().isReadable();
            return file;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
