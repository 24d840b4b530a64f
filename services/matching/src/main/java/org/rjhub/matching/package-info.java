/**
 * Probabilistic person linkage: which records, from different agencies' referrals, name the same
 * person. A Fellegi-Sunter model in the style of Splink (UK Ministry of Justice) and the HMPPS Core
 * Person Record. Pure Java, no Kafka: the router's topology calls it.
 *
 * <h2>Pieces</h2>
 *
 * <ul>
 *   <li>{@link org.rjhub.matching.PersonRecord}: a person as compared, built by
 *       {@code normalised(...)} (lower case, no punctuation, UK postcodes as {@code "CM20 1AB"}).
 *   <li>{@link org.rjhub.matching.BlockingKeys}: the deterministic string keys a record is
 *       repartitioned on; only records sharing a key are compared. The keys hold names and dates:
 *       they are personal data, like the records, and are never logged.
 *   <li>{@link org.rjhub.matching.PersonMatcher}: scores a pair against a
 *       {@link org.rjhub.matching.MatchModel} into a
 *       {@link org.rjhub.matching.MatchResult}: weight, probability, decision and the level
 *       reached by each {@link org.rjhub.matching.Comparison} (the evidence, free of
 *       personal data).
 *   <li>{@link org.rjhub.matching.PreparedPerson}: a record prepared for comparison (postcode
 *       parts, the address's sorted words, the date's digits), once per person rather than once
 *       per pair; score one person against many with it.
 *   <li>{@link org.rjhub.matching.PersonClusterer}: offline clustering of a batch
 *       (union-find over MATCH pairs, human keep-apart and confirmed-link decisions first).
 *   <li>{@link org.rjhub.linker.evaluation.FebrlCsv}, {@link
 *       org.rjhub.linker.evaluation.LinkageEvaluation}, {@link
 *       org.rjhub.linker.evaluation.ModelEstimation}: the benchmark, its figures, and how the
 *       shipped parameters were estimated.
 * </ul>
 *
 * <h2>Model</h2>
 *
 * <p>Match weight = log2 prior odds + the sum over comparisons of log2(m/u) of the level reached.
 * Forename and surname: exact, swapped, Jaro-Winkler at 0.92 / 0.88 / 0.7, else. Date of birth:
 * exact, one character edit or day/month transposed, within a month, within a year, else.
 * Postcode: full, and for UK postcodes sector, district, area; else. Address (words in any
 * order): exact, 80 / 60 / 40 % of words agreeing, else. A value missing on either side is
 * neutral. MATCH at weight 10 or more (probability 0.999), REVIEW from 4 (0.94), NO_MATCH below.
 * Household guard: forenames that disagree outright together with dates of birth more than a
 * month apart are never an automatic MATCH, only REVIEW (a parent and child share surname,
 * address and postcode).
 *
 * <h2>Where the numbers come from</h2>
 *
 * <p>{@code ModelEstimation} on FEBRL dataset2, without labels: u from a million random pairs,
 * m by EM in two sessions (blocked on date of birth; on house number + postcode), each leaving
 * out the comparisons its blocking forces, then u re-weighted by each random pair's probability
 * of not matching (random samples of a few thousand records contain true duplicates), and the
 * prior by fixed point (0.000155, -12.7 bits; the truth is 1,934 pairs in 12.5 million). The
 * values were rounded and adjusted where FEBRL cannot teach the model, as listed beside
 * {@code MatchModel.defaults()}. Parameters estimated on dataset1 alone give the same quality on
 * dataset2. Before live use, re-run the estimation on real referral data: FEBRL corrupts
 * records far more than agencies do, so its m for disagreement levels is high, which makes
 * twins and a parent and child of the same name at one address look alike to the model; people
 * resolve those with keep-apart decisions.
 */
package org.rjhub.matching;
