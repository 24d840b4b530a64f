package org.rjhub.router.intake;

import org.apache.kafka.common.errors.RetriableException;

/**
 * The schema registry could not be asked (connection refused, timeout, a server error): a failure outside the
 * record, so the task is retried with backoff and no record is dead-lettered because of it.
 */
public final class RegistryUnavailableException extends RetriableException {

    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
