/**
 * Object → lock mapping (manual section 2) and IQ key storage: the {@link nl.ireserve.saltoks.mapping.MappingStore} and {@link nl.ireserve.saltoks.mapping.IqKeyStore} SPIs, their in-memory and caching implementations, and the {@link nl.ireserve.saltoks.mapping.MappingService} an administrator screen sits on.
 *
 * <p>Every parameter and return value is non-null unless annotated {@code @Nullable}.
 */
@ParametersAreNonnullByDefault
package nl.ireserve.saltoks.mapping;

import javax.annotation.ParametersAreNonnullByDefault;
