package org.rjhub.agencies.mapping;

import java.time.Instant;
import org.rjhub.contracts.hub.Referral;

/**
 * A referral as it enters the router: the canonical form and when the agency says it submitted it.
 *
 * @param referral    canonical referral
 * @param submittedAt the agency's submission time (dates in the future are judged against it)
 */
public record Intake(Referral referral, Instant submittedAt) {}
