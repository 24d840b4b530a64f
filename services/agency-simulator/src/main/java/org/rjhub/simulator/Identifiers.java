package org.rjhub.simulator;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Synthetic identifiers in the formats the agencies use, unique within one batch. */
final class Identifiers {

    /** PNC check characters, indexed by (two-digit year and serial) mod 23. */
    private static final String PNC_CHECK = "ZABCDEFGHJKLMNPQRTUVWXY";
    /** Half the five-digit crime references of a year: past it, a free one takes more than two draws on average. */
    static final int FIVE_DIGIT_REFERENCES_A_YEAR = 45_000;

    private final RandomGenerator random;
    private final Set<String> issued = new HashSet<>();
    private final Map<Integer, Integer> crimeReferencesByYear = new HashMap<>();
    private int policeSequence;
    private int probationSequence;
    private int vsSequence;

    Identifiers(RandomGenerator random) {
        this.random = random;
        this.policeSequence = 100 + random.nextInt(5000);
        this.probationSequence = 10 + random.nextInt(900);
        this.vsSequence = 10_000 + random.nextInt(50_000);
    }

    /** Police referral number, e.g. {@code PR-2026-000123}. */
    String policeReferralId(int year) {
        return String.format("PR-%d-%06d", year, ++policeSequence);
    }

    /** Probation referral id, e.g. {@code PROB-2026-000042}. */
    String probationReferralId(int year) {
        return String.format("PROB-%d-%06d", year, ++probationSequence);
    }

    /** Victim Support case id, e.g. {@code VS-ESX-0012345}. */
    String vsCaseId() {
        return String.format("VS-ESX-%07d", ++vsSequence);
    }

    /**
     * Essex Police crime reference, e.g. {@code 42/12345/26}: five digits while the year has used fewer than
     * {@value #FIVE_DIGIT_REFERENCES_A_YEAR} of them, then six ({@code 42/123456/26}), so that a long run (the
     * benchmark's million referrals of history) neither runs out of the 90,000 five-digit ones nor slows drawing
     * again and again for a free one.
     */
    String crimeReference(LocalDate incidentDate) {
        int year = incidentDate.getYear() % 100;
        boolean fiveDigits = crimeReferencesByYear.merge(year, 1, Integer::sum) <= FIVE_DIGIT_REFERENCES_A_YEAR;
        return unique(() -> fiveDigits
                ? String.format("42/%05d/%02d", 10_000 + random.nextInt(90_000), year)
                : String.format("42/%06d/%02d", 100_000 + random.nextInt(900_000), year));
    }

    /** Probation case reference number, e.g. {@code X123456}. */
    String crn() {
        return unique(() -> (char) ('A' + random.nextInt(26)) + String.format("%06d", random.nextInt(1_000_000)));
    }

    /** PNC id with its check letter, e.g. {@code 2019/0123456A}. */
    String pncId(int yearOfFirstRecord) {
        return unique(() -> {
            int serial = random.nextInt(10_000_000);
            return String.format("%d/%07d%c", yearOfFirstRecord, serial, pncCheck(yearOfFirstRecord, serial));
        });
    }

    /** The PNC check character of a year and serial. */
    static char pncCheck(int year, int serial) {
        long number = Long.parseLong(String.format("%02d%07d", year % 100, serial));
        return PNC_CHECK.charAt((int) (number % 23));
    }

    /** Police collar number. */
    String collarNumber() {
        return Integer.toString(70_000 + random.nextInt(30_000));
    }

    /** A mobile number from Ofcom's range reserved for drama (07700 900000 to 900999): never a real line. */
    String phone() {
        return String.format("07700 900%03d", random.nextInt(1000));
    }

    private String unique(Supplier<String> generator) {
        while (true) {
            var candidate = generator.get();
            if (issued.add(candidate)) {
                return candidate;
            }
        }
    }
}
