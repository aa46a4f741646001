package nl.ireserve.saltoks;


/**
 * A role of the site.
 *
 * @param id its id
 * @param code its code, such as {@code site_guest}
 * @param name its name
 */
public record Role(String id, String code, String name) {}
