/**
 * Object → lock links and IQ keys: the {@link nl.ireserve.saltoks.mapping.MappingStore} and {@link
 * nl.ireserve.saltoks.mapping.IqKeyStore} SPIs, their in-memory and caching implementations, and {@link
 * nl.ireserve.saltoks.mapping.MappingService}.
 *
 * <p>{@code nl.ireserve.saltoks.mapping.internal} (argument checks, the caches) is exported only to the
 * modules built on this one.
 */
module nl.ireserve.saltoks.mapping {
  requires transitive nl.ireserve.saltoks.core;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports nl.ireserve.saltoks.mapping;
  exports nl.ireserve.saltoks.mapping.internal to nl.ireserve.saltoks.access, nl.ireserve.saltoks.jdbc;
}
