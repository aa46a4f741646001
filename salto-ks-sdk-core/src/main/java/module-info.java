/**
 * The SALTO KS Connect client: {@link nl.ireserve.saltoks.SaltoKsClient}, its model, its diagnostics, the IQ
 * setup, its exceptions and its extension points.
 *
 * <p>Only API packages are exported. {@code nl.ireserve.saltoks.internal} holds the implementation (the Feign
 * interfaces, the wire shapes, the retry loop); it is not exported, and opened to Jackson only, which reads
 * the wire shapes. On the class path this descriptor is ignored and the same rule is kept by the project's
 * architecture test.
 */
module nl.ireserve.saltoks.core {
  requires transitive org.jspecify;
  requires com.fasterxml.jackson.databind;
  requires feign.core;
  requires feign.jackson;
  requires feign.okhttp;
  requires io.github.resilience4j.circuitbreaker;
  requires io.github.resilience4j.core;
  requires okhttp3;
  requires org.slf4j;

  exports nl.ireserve.saltoks;
  exports nl.ireserve.saltoks.diagnostics;
  exports nl.ireserve.saltoks.exception;
  exports nl.ireserve.saltoks.iq;
  exports nl.ireserve.saltoks.spi;

  opens nl.ireserve.saltoks.internal to com.fasterxml.jackson.databind;
}
