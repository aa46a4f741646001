/**
 * Not API: the access module's helpers that its sibling module {@code salto-ks-sdk-jdbc} shares. May change
 * in any release.
 */
@NullMarked
package nl.ireserve.saltoks.access.internal;

import org.jspecify.annotations.NullMarked;
