package nl.ireserve.saltoks;


/**
 * An access group.
 *
 * @param id its id
 * @param name its name
 */
public record AccessGroup(String id, String name) {}
