package org.rjhub.router.intake;

import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Text as the hub compares it: Unicode NFC (a name typed with a combining accent and the same name with the
 * precomposed letter are one name), and what counts as a name at all.
 */
public final class Text {

    private Text() {}

    /** NFC form of every text field of a decoded record, in place (nested records, lists, maps, unions). */
    public static <R extends IndexedRecord> R nfc(R record) {
        normalise(record);
        return record;
    }

    /** The NFC form of {@code s} ({@code s} itself when already NFC, the usual case). */
    public static String nfc(String s) {
        return s == null || Normalizer.isNormalized(s, Normalizer.Form.NFC)
                ? s
                : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /**
     * Why {@code name} is no name, or {@code null} when it may be one: made only of invisible or control
     * characters, of no letter at all, or of one character repeated.
     */
    public static String notAName(String name) {
        StringBuilder visible = new StringBuilder();
        name.codePoints().filter(c -> !invisible(c)).forEach(visible::appendCodePoint);
        if (visible.isEmpty()) {
            return "made only of invisible or control characters";
        }
        if (visible.codePoints().noneMatch(Character::isLetter)) {
            return "has no letter";
        }
        String folded = visible.toString().toLowerCase(java.util.Locale.ROOT);
        int first = folded.codePointAt(0);
        if (folded.codePointCount(0, folded.length()) > 1 && folded.codePoints().allMatch(c -> c == first)) {
            return "is one character repeated";
        }
        return null;
    }

    /** White space, control and format characters (zero-width ones, bidi marks), and the blank "fillers". */
    static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c)
                || Character.isSpaceChar(c)
                || type == Character.CONTROL
                || type == Character.FORMAT
                || type == Character.UNASSIGNED
                || type == Character.PRIVATE_USE
                || type == Character.SURROGATE
                || c == 0x115F
                || c == 0x1160
                || c == 0x3164
                || c == 0xFFA0 // Hangul fillers
                || c == 0x2800 // braille blank
                || c == 0x034F // combining grapheme joiner
                || (c >= 0xFE00 && c <= 0xFE0F)
                || (c >= 0xE0100 && c <= 0xE01EF) // variation selectors
                || type == Character.NON_SPACING_MARK && !Character.isLetter(c);
    }

    @SuppressWarnings("unchecked")
    private static Object normalise(Object value) {
        if (value instanceof CharSequence s) {
            return nfc(s.toString());
        }
        if (value instanceof IndexedRecord r) {
            List<Schema.Field> fields = r.getSchema().getFields();
            for (int i = 0; i < fields.size(); i++) {
                Object before = r.get(i);
                Object after = normalise(before);
                if (after != before) {
                    r.put(i, after);
                }
            }
            return r;
        }
        if (value instanceof List<?> list) {
            List<Object> items = (List<Object>) list;
            for (int i = 0; i < items.size(); i++) {
                Object before = items.get(i);
                Object after = normalise(before);
                if (after != before) {
                    items.set(i, after);
                }
            }
            return list;
        }
        if (value instanceof Map<?, ?> map) {
            ((Map<Object, Object>) map).replaceAll((k, v) -> normalise(v));
            return map;
        }
        return value;
    }
}
