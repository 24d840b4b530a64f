package org.rjhub.common.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.rjhub.contracts.hub.Referral;
import org.rjhub.schemas.Classification;
import org.rjhub.schemas.Contracts;

/**
 * The canonical referral on {@code rj.referrals.v1} sealed under a data key of its referral ({@link DataKeys}, subject
 * {@code <SourceAgency>:<agency referral id>}, as the dead letters): the whole referral, in Avro single-object encoding,
 * is encrypted into {@code Referral.sealed} and every field its contract does not classify as operational is emptied
 * ({@link #redacted}), so that the topic holds no personal data in clear and {@code hub erase} (the key's tombstone)
 * leaves only the operational fields readable.
 *
 * <p>A consumer {@link #open opens} it with the wrapped key it read from {@code rj.data-keys.v1}; without one (the key
 * erased) it gets the redacted referral, which is what an erased referral is: countable by its operational fields
 * (agency, ids, district, case type, offence category), naming no one.
 */
public final class SealedReferrals {

    /** The sealed field's name, part of the associated data. */
    static final String FIELD = "sealed";

    private static final SpecificData MODEL = SpecificData.getForClass(Referral.class);

    private static final BinaryMessageDecoder<Referral> DECODER = decoder();

    private SealedReferrals() {}

    /** Whether {@code referral} is sealed (carries a data key id). */
    public static boolean isSealed(Referral referral) {
        return referral.getDataKeyId() != null;
    }

    /**
     * {@code clear} sealed under data key {@code keyId} (made by {@link DataKeys#create}): its personal and
     * special-category fields emptied, the whole referral encrypted into {@code sealed}.
     */
    public static Referral seal(DataKeys keys, String keyId, Referral clear) {
        Referral whole =
                Referral.newBuilder(clear).setDataKeyId(null).setSealed(null).build();
        Referral out = redacted(whole);
        out.setDataKeyId(keyId);
        out.setSealed(ByteBuffer.wrap(keys.seal(keyId, FIELD, encoded(whole))));
        return out;
    }

    /** {@code referral} in Avro single-object encoding (its schema's fingerprint, then the binary record). */
    static byte[] encoded(Referral referral) {
        try {
            ByteBuffer encoded = referral.toByteBuffer();
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode referral " + referral.getHubReferralId(), e);
        }
    }

    /** A referral {@link #encoded} with the current schema or any released version. */
    static Referral decoded(byte[] bytes) throws IOException {
        return DECODER.decode(bytes);
    }

    /**
     * The referral in clear: as it is when it is not sealed; opened with its key when {@code wrappedKey} finds the key
     * ({@code dataKeyId} kept, {@code sealed} null); empty when the key is not there (erased).
     *
     * @param wrappedKey the wrapped key of an id as read from {@code rj.data-keys.v1}, {@code null} when there is none
     */
    public static Optional<Referral> open(DataKeys keys, Referral referral, Function<String, byte[]> wrappedKey) {
        String id = referral.getDataKeyId();
        if (id == null) {
            return Optional.of(referral);
        }
        byte[] wrapped = wrappedKey.apply(id);
        if (wrapped == null) {
            keys.remove(id);
            return Optional.empty();
        }
        if (!keys.known(id)) {
            keys.add(id, wrapped);
        }
        return open(keys, referral);
    }

    /**
     * The referral in clear, opened with a key {@code keys} already holds (every live key of the key topic {@link
     * DataKeys#apply applied}, as the tools read it); empty when it does not hold it (erased).
     */
    public static Optional<Referral> open(DataKeys keys, Referral referral) {
        String id = referral.getDataKeyId();
        if (id == null) {
            return Optional.of(referral);
        }
        if (referral.getSealed() == null) {
            return Optional.empty();
        }
        byte[] sealed = new byte[referral.getSealed().remaining()];
        referral.getSealed().duplicate().get(sealed);
        return open(keys, id, sealed);
    }

    /**
     * The referral in clear from a sealed referral's {@code dataKeyId} and {@code sealed} bytes alone (as a consumer
     * that kept only those holds it), opened with a key {@code keys} already holds; empty when it does not (erased).
     */
    public static Optional<Referral> open(DataKeys keys, String keyId, byte[] sealed) {
        if (!keys.known(keyId)) {
            return Optional.empty();
        }
        return keys.open(keyId, FIELD, sealed).map(plain -> {
            try {
                Referral clear = decoded(plain);
                clear.setDataKeyId(keyId);
                return clear;
            } catch (IOException e) {
                throw new UncheckedIOException("a referral sealed under data key " + keyId + " does not decode", e);
            }
        });
    }

    /**
     * What a consumer may use of {@code referral}: opened when its key is there, else (erased) its redacted form, with
     * no personal field and no sealed bytes.
     */
    public static Referral openOrErased(DataKeys keys, Referral referral, Function<String, byte[]> wrappedKey) {
        return open(keys, referral, wrappedKey).orElseGet(() -> erased(referral));
    }

    /** The same with the keys {@code keys} holds ({@link #open(DataKeys, Referral)}). */
    public static Referral openOrErased(DataKeys keys, Referral referral) {
        return open(keys, referral).orElseGet(() -> erased(referral));
    }

    /** A sealed referral as it is once its key is erased: redacted, without its sealed bytes. */
    public static Referral erased(Referral referral) {
        Referral erased = redacted(referral);
        erased.setSealed(null);
        return erased;
    }

    /**
     * A copy of {@code referral} with every field that its contract does not classify as operational emptied, in
     * every record it holds: {@code null} where the field may be null, else an empty string or list, the epoch, or
     * the type's first (or default) symbol. An operational record field is kept with its own fields redacted.
     */
    public static Referral redacted(Referral referral) {
        Referral copy = Referral.newBuilder(referral).build();
        redact(copy);
        return copy;
    }

    private static void redact(SpecificRecord record) {
        for (Schema.Field f : record.getSchema().getFields()) {
            if (Classification.isOperational(f)) {
                redactInside(record.get(f.pos()));
            } else {
                record.put(f.pos(), empty(f.schema()));
            }
        }
    }

    private static void redactInside(Object value) {
        if (value instanceof SpecificRecord nested) {
            redact(nested);
        } else if (value instanceof Iterable<?> items) {
            items.forEach(SealedReferrals::redactInside);
        }
    }

    private static Object empty(Schema schema) {
        return switch (schema.getType()) {
            case UNION -> schema.isNullable() ? null : empty(schema.getTypes().get(0));
            case NULL -> null;
            case STRING -> "";
            case BYTES -> ByteBuffer.allocate(0);
            case ARRAY -> new ArrayList<>();
            case MAP -> new HashMap<>();
            case BOOLEAN -> false;
            case INT -> schema.getLogicalType() instanceof LogicalTypes.Date ? LocalDate.EPOCH : 0;
            case LONG -> schema.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Instant.EPOCH : 0L;
            case FLOAT -> 0f;
            case DOUBLE -> 0d;
            case ENUM ->
                MODEL.createEnum(
                        schema.getEnumDefault() != null
                                ? schema.getEnumDefault()
                                : schema.getEnumSymbols().get(0),
                        schema);
            case FIXED -> MODEL.createFixed(null, new byte[schema.getFixedSize()], schema);
            case RECORD -> {
                SpecificRecord r = (SpecificRecord) MODEL.newRecord(null, schema);
                for (Schema.Field f : schema.getFields()) {
                    r.put(f.pos(), empty(f.schema()));
                }
                yield r;
            }
        };
    }

    /** Reads sealed referrals written with the current schema or any released version. */
    private static BinaryMessageDecoder<Referral> decoder() {
        SchemaStore.Cache released = new SchemaStore.Cache();
        Contracts.HUB_REFERRALS.releasedVersions().forEach(released::addSchema);
        return new BinaryMessageDecoder<>(MODEL, Referral.getClassSchema(), released);
    }
}
