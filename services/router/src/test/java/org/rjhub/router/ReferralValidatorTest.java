package org.rjhub.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rjhub.agencies.mapping.CanonicalMapper;
import org.rjhub.contracts.police.PoliceReferral;
import org.rjhub.router.intake.InvalidReferralException;
import org.rjhub.router.intake.ReferralValidator;
import org.rjhub.router.intake.Text;
import org.rjhub.router.intake.ValidationRule;
import org.rjhub.router.routing.RoutingRules;

/** ReferralValidator's name rules, table by table: what is refused (with rule and field) and what passes. */
class ReferralValidatorTest {

    private static final RoutingRules RULES = RoutingRules.defaults();

    static Stream<Arguments> notNames() {
        return Stream.of(
                Arguments.of("zero-width spaces", "\u200B\u200B\u200B"),
                Arguments.of("a zero-width joiner and a byte-order mark", "\u200D\uFEFF"),
                Arguments.of("control characters", "\u0000\u0007\u001B"),
                Arguments.of("bidi marks", "\u202E\u200F"),
                Arguments.of("Hangul fillers", "\u3164\u3164"),
                Arguments.of("braille blanks", "\u2800\u2800"),
                Arguments.of("no-break and ideographic spaces", "\u00A0\u3000"),
                Arguments.of("combining marks alone", "\u0301\u0308"),
                Arguments.of("one letter repeated", "xxxx"),
                Arguments.of("one letter repeated, mixed case", "AaAa"),
                Arguments.of("one letter repeated between invisibles", "\u200Bzz\u200Bz"),
                Arguments.of("dots", "..."),
                Arguments.of("digits", "12345"),
                Arguments.of("one hyphen", "-"));
    }

    static Stream<Arguments> names() {
        return Stream.of(
                Arguments.of("plain", "Quarrington"),
                Arguments.of("apostrophe", "O'Brien"),
                Arguments.of("hyphenated", "Smith-Jones"),
                Arguments.of("accented (NFC)", "Zoë"),
                Arguments.of("two letters", "Ng"),
                Arguments.of("one letter", "X"),
                Arguments.of("non-Latin", "Ωμέγα"),
                Arguments.of("with a space", "van der Berg"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notNames")
    void shouldRefuseANameThatIsNoName(String kind, String surname) {
        InvalidReferralException refused = catchThrowableOfType(
                InvalidReferralException.class, () -> ReferralValidator.validate(intake(surname), RULES));

        assertThat(refused).as(kind).isNotNull();
        assertThat(refused.rule()).isEqualTo(ValidationRule.NAME_NOT_A_NAME);
        assertThat(refused.field()).isEqualTo("victims[0].surname");
        assertThat(refused.getMessage()).contains("victims[0].surname").doesNotContain(surname);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void shouldAcceptARealName(String kind, String surname) {
        assertThatCode(() -> ReferralValidator.validate(intake(surname), RULES))
                .as(kind)
                .doesNotThrowAnyException();
    }

    @org.junit.jupiter.api.Test
    void shouldNormaliseTextToNfcBeforeMatching() {
        PoliceReferral decomposed = Fixtures.police("PR-1", "42/10001/26");
        decomposed.getVictims().get(0).setForename("Zoe\u0308"); // e + combining diaeresis

        Text.nfc(decomposed);

        assertThat(decomposed.getVictims().get(0).getForename()).isEqualTo("Zo\u00EB");
    }

    private static org.rjhub.agencies.mapping.Intake intake(String surname) {
        PoliceReferral r = Fixtures.police("PR-1", "42/10001/26");
        r.getVictims().get(0).setSurname(surname);
        return CanonicalMapper.police(r, Instant.parse("2026-10-01T09:00:00Z"));
    }
}
