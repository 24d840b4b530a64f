package org.rjhub.matching;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Blocking keys: only records sharing at least one key are compared. Each key is a deterministic
 * string (a tag, then values), so the router can repartition on it in Kafka Streams and find the
 * candidates in one partition. Every rule joins two fields that vary independently, one of them nearly unique to a
 * person (the exact date of birth, the full postcode, or the surname with the year and month of birth, or a house
 * number with its street), and most add a name's first three letters rather than its initial, so that a block stays a
 * handful of people as the history grows: no rule keys on a name alone, a year alone or an area alone, whose blocks
 * grow with every referral (after 100,000 simulated referrals the rules before December 2026 compared 493 candidates a
 * referral; after 1,000,000 these compare 9.6, those with initials in their place 23.2, and both link the same true
 * pairs: {@code BlockingGrowthBench} in the router's tests). The rules overlap, so that a pair missed by one (a typo in
 * the field it uses) is found by another: a name misspelt in its first three letters still shares its date of birth
 * and the other name's letters, or both initials ({@code di}). A rule whose field is missing yields no key.
 */
public final class BlockingKeys {

    /** The tags of {@link #ofEarlierRules}' rules. */
    public static final Set<String> EARLIER_RULES =
            Set.of("dob", "sy", "gy", "gd", "sg", "nn", "hs", "ds", "dg", "sm", "ni");

    private static final Set<String> SUB_PREMISES = Set.of("flat", "flt", "apartment", "apt", "unit", "room", "suite");

    private BlockingKeys() {}

    /** The keys of a record, in rule order; unmodifiable. */
    public static Set<String> of(PersonRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        String given = compact(record.givenName());
        String surname = compact(record.surname());
        String givenInitial = prefix(given, 1);
        String surnameInitial = prefix(surname, 1);
        String dob = PreparedPerson.dateDigits(record.dateOfBirth());
        String yearMonth = dob == null ? null : dob.substring(0, 6);
        String postcode = record.postcode() == null ? null : record.postcode().replace(" ", "");
        String district = district(record.postcode());

        String surname3 = prefix(surname, 3);
        String given3 = prefix(given, 3);

        // date of birth + the surname's first three letters: survives a nickname or misspelt forename, and a move
        add(keys, "ds3", dob, surname3);
        // date of birth + the forename's first three letters: the same when the surname changed (marriage, typo)
        add(keys, "dg3", dob, given3);
        // date of birth + both initials in alphabetical order: forename and surname swapped, or both misspelt after
        // their first letter
        add(keys, "di", dob, sortedPair(givenInitial, surnameInitial, ""));
        // date of birth + postcode district: both names misspelt, still living in the area
        add(keys, "dd", dob, district);
        // surname + the forename's first three letters + year and month of birth: the day of birth mistyped, and a move
        add(keys, "sm3", surname, given3, yearMonth);
        // full postcode + surname initial: same household, date and forename both unreliable
        add(keys, "ps", postcode, surnameInitial);
        // full postcode + forename initial: same household, a new surname and no reliable date
        add(keys, "pg", postcode, givenInitial);
        // house number + full postcode: one household, whatever the names and dates say
        String house = houseNumber(record.addressLine());
        add(keys, "hp", house, postcode);
        // house number + street prefix + postcode area + a name's first three letters, one key for each name: one
        // household when the postcode is mistyped, and one of the names kept; under one rule, so that names swapped
        // still share a key
        String street = streetPrefix(record.addressLine());
        String area = area(record.postcode());
        add(keys, "ni3", house, street, area, surname3);
        add(keys, "ni3", house, street, area, given3);
        return Collections.unmodifiableSet(keys);
    }

    /**
     * The keys of the rules of earlier releases that the rules above do not have: until early December 2026 the date of
     * birth alone, and names alone or with a year or a postcode district, whose blocks grow with every referral; until
     * the release of 7 December 2026 {@code hs}, a house number with its street prefix and postcode area, the rule
     * {@code ni} without the initial, whose blocks held a county's worth of streets ({@code BlockingGrowthBench}: at a
     * million referrals of history 22.8 of the 40.5 candidates a referral; FEBRL's pairs are found as before); until
     * the release after it {@code ds}, {@code dg}, {@code sm} and {@code ni}, the rules {@code ds3}, {@code dg3},
     * {@code sm3} and {@code ni3} with a name's initial in place of its first three letters (at a million 23.2
     * candidates a referral against 9.6, the same true pairs found, and FEBRL's). A router looks them up, never storing
     * anyone under them, while its linkage store may still hold referrals an earlier release stored under them (until
     * they are past retention), so that an upgrade does not stop later referrals being compared with them. In rule
     * order; unmodifiable.
     */
    public static Set<String> ofEarlierRules(PersonRecord record) {
        Set<String> keys = new LinkedHashSet<>();
        String given = compact(record.givenName());
        String surname = compact(record.surname());
        String dob = PreparedPerson.dateDigits(record.dateOfBirth());
        String year = dob == null ? null : dob.substring(0, 4);
        String givenInitial = prefix(given, 1);
        String surnameInitial = prefix(surname, 1);
        String given3 = prefix(given, 3);
        String surname3 = prefix(surname, 3);
        add(keys, "dob", dob);
        add(keys, "sy", surname3, year);
        add(keys, "gy", given3, year);
        add(keys, "gd", given3, district(record.postcode()));
        add(keys, "sg", surname, givenInitial);
        add(keys, "nn", sortedPair(given3, surname3, ":"));
        String house = houseNumber(record.addressLine());
        String street = streetPrefix(record.addressLine());
        String area = area(record.postcode());
        add(keys, "hs", house, street, area);
        add(keys, "ds", dob, surnameInitial);
        add(keys, "dg", dob, givenInitial);
        add(keys, "sm", surname, givenInitial, dob == null ? null : dob.substring(0, 6));
        add(keys, "ni", house, street, area, surnameInitial);
        add(keys, "ni", house, street, area, givenInitial);
        return Collections.unmodifiableSet(keys);
    }

    private static void add(Set<String> keys, String rule, String... values) {
        for (String value : values) {
            if (value == null) {
                return;
            }
        }
        keys.add(rule + ":" + String.join(":", values));
    }

    /** The postcode district of a UK postcode, or the whole of any other postcode. */
    private static String district(String postcode) {
        if (postcode == null) {
            return null;
        }
        return UkPostcode.parse(postcode).map(UkPostcode::district).orElse(postcode);
    }

    /** The UK postcode area ("CM"), or the first character of any other postcode. */
    private static String area(String postcode) {
        if (postcode == null) {
            return null;
        }
        return UkPostcode.parse(postcode).map(UkPostcode::area).orElse(postcode.substring(0, 1));
    }

    private static String sortedPair(String a, String b, String separator) {
        if (a == null || b == null) {
            return null;
        }
        return a.compareTo(b) <= 0 ? a + separator + b : b + separator + a;
    }

    /**
     * The words of an address that place the building: without a flat or unit and its number
     * ("flat 2 4 high street" gives "4 high street"), so that the house number and street are the
     * building's, not the flat's (every block has a flat 2).
     */
    private static List<String> buildingWords(String addressLine) {
        List<String> words = new ArrayList<>();
        if (addressLine == null) {
            return words;
        }
        String[] all = addressLine.split(" ");
        for (int i = 0; i < all.length; i++) {
            if (SUB_PREMISES.contains(all[i])) {
                i++; // and its number
            } else if (!all[i].isEmpty()) {
                words.add(all[i]);
            }
        }
        return words;
    }

    /** The first word of the address made of digits only. */
    private static String houseNumber(String addressLine) {
        for (String word : buildingWords(addressLine)) {
            if (isNumber(word)) {
                return word;
            }
        }
        return null;
    }

    /** The first four letters of the first word of the address that is not a number. */
    private static String streetPrefix(String addressLine) {
        for (String word : buildingWords(addressLine)) {
            if (!isNumber(word)) {
                return prefix(word, 4);
            }
        }
        return null;
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }

    private static String compact(String name) {
        return name == null ? null : name.replace(" ", "");
    }

    private static String prefix(String value, int length) {
        if (value == null || value.length() < length) {
            return value;
        }
        return value.substring(0, length);
    }
}
