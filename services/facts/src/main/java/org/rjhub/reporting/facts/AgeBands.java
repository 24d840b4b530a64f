package org.rjhub.reporting.facts;

import java.time.LocalDate;
import java.time.Period;
import org.rjhub.contracts.hub.AgeBand;

/** Age bands in place of dates of birth: the age on a given day (the day the hub received the referral). */
public final class AgeBands {

    private AgeBands() {}

    public static AgeBand of(LocalDate dateOfBirth, LocalDate on) {
        if (dateOfBirth == null || on == null || dateOfBirth.isAfter(on)) {
            return AgeBand.UNKNOWN;
        }
        int age = Period.between(dateOfBirth, on).getYears();
        if (age < 18) {
            return AgeBand.UNDER_18;
        } else if (age < 25) {
            return AgeBand.AGE_18_24;
        } else if (age < 35) {
            return AgeBand.AGE_25_34;
        } else if (age < 45) {
            return AgeBand.AGE_35_44;
        } else if (age < 55) {
            return AgeBand.AGE_45_54;
        } else if (age < 65) {
            return AgeBand.AGE_55_64;
        }
        return AgeBand.AGE_65_PLUS;
    }
}
