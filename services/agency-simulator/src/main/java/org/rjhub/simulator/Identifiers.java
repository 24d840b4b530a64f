package org.rjhub.simulator;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/** Synthetic identifiers in the formats the agencies use, unique within one batch. */
final class Identifiers {

    /** PNC check characters, indexed by (two-digit year and serial) mod 23. */
    private static final String PNC_CHECK = "ZABCDEFGHJKLMNPQRTUVWXY";

    private final RandomGenerator random;
    private final Set<String> issued = new HashSet<>();
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

    /** Essex Police crime reference, e.g. {@code 42/12345/26}. */
    String crimeReference(LocalDate incidentDate) {
        return unique(
                () -> String.format("42/%05d/%02d", 10_000 + random.nextInt(90_000), incidentDate.getYear() % 100));
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
