package org.rjhub.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaStackExtension.class)
class SharedStackIT {

    @Test
    void shouldGiveEveryTestJvmOfTheBuildTheSameStackWhenTheBuildSharesOne(TestStack stack) throws Exception {
        // Given the stack this test JVM was given (the build sets rj.it.shared-stack unless told not to)
        String shared = System.getProperty(SharedStack.PROPERTY, "");

        // When another test JVM of the same build asks for one
        Optional<TestStack> joined = SharedStack.join();

        // Then, shared, it joins the same broker and registry (no second stack) as the same principals
        if (shared.isBlank()) {
            assertThat(joined).isEmpty();
            return;
        }
        assertThat(joined).isPresent();
        assertThat(joined.get().connection().bootstrapServers())
                .isEqualTo(stack.connection().bootstrapServers());
        assertThat(joined.get().connection().registryUrl())
                .isEqualTo(stack.connection().registryUrl());
        assertThat(joined.get().security().orElseThrow().principals().keySet())
                .isEqualTo(stack.security().orElseThrow().principals().keySet());
        // and the file announcing it, which holds the admin's password, is the owner's alone
        Path descriptor = SharedStack.folder(
                        Path.of(shared), SharedStack.mavenBuild().orElseThrow())
                .resolve("stack.properties");
        assertThat(Files.getPosixFilePermissions(descriptor))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    }
}
