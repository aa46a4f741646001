package nl.ireserve.saltoks.diagnostics;

/**
 * One line of a report: what was checked, the outcome, what was seen, and what to do.
 *
 * @param check the check
 * @param status the outcome
 * @param evidence what was seen (never a secret)
 * @param fix what to do; empty when nothing is to be done
 */
public record CheckResult(AccessCheck check, CheckStatus status, String evidence, String fix) {}
