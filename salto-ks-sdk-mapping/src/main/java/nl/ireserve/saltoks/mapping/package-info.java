/**
 * Object → lock mapping (manual section 2) and IQ key storage: the {@link nl.ireserve.saltoks.mapping.MappingStore} and {@link nl.ireserve.saltoks.mapping.IqKeyStore} SPIs (with in-memory and caching implementations from their factories), and the {@link nl.ireserve.saltoks.mapping.MappingService} an administrator screen sits on.
 *
 * <p>Every parameter, return value and field is non-null unless annotated {@code @Nullable}
 * (JSpecify {@code @NullMarked}).
 */
@NullMarked
package nl.ireserve.saltoks.mapping;

import org.jspecify.annotations.NullMarked;
