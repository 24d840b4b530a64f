package org.rjhub.common.errors;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.kiota.ApiException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the schema registry's failures, as its client throws them, are classified: its trouble or the record's fault. */
class RegistryFailureClassificationTest {

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void shouldRetryWhenTheRegistryAnswersItIsInTrouble(int status) {
        assertThat(ErrorClassifier.classify(new RuntimeException("lookup failed", answer(status))))
                .isEqualTo(ErrorClassifier.Kind.RETRIABLE);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 409, 422})
    void shouldBlameTheRecordWhenTheRegistryRefusesWhatItCarries(int status) {
        assertThat(ErrorClassifier.classify(new RuntimeException(answer(status))))
                .isEqualTo(ErrorClassifier.Kind.FATAL);
    }

    @Test
    void shouldRetryWhenTheRegistryCannotBeReachedOrDoesNotAnswerInTime() {
        assertThat(ErrorClassifier.classify(new RuntimeException(new ConnectException("Connection refused"))))
                .isEqualTo(ErrorClassifier.Kind.RETRIABLE);
        assertThat(ErrorClassifier.classify(new ApiException(new HttpTimeoutException("request timed out"))))
                .isEqualTo(ErrorClassifier.Kind.RETRIABLE);
    }

    private static ApiException answer(int status) {
        return new StatusException(status);
    }

    /** The registry client's exception for an HTTP error answer (its status is set by the client). */
    private static final class StatusException extends ApiException {
        private static final long serialVersionUID = 1L;

        StatusException(int status) {
            super("HTTP " + status);
            setResponseStatusCode(status);
        }
    }
}
