package org.rjhub.common.errors;

/**
 * Marks a failure that depends only on the record being processed (its bytes, its fields, its size): the same
 * record gives the same failure every time, so it is never retried but dead-lettered and answered. The code that
 * catches a failure and knows it came from the record (decoding a byte array, validating a field) throws an
 * exception carrying this mark; {@link ErrorClassifier} then calls it {@link ErrorClassifier.Kind#FATAL} whatever
 * it wraps.
 */
public interface RecordFault {}
