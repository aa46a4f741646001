package nl.ireserve.saltoks.mapping.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.StoreException;

/**
 * AES-256-GCM encryption of IQ secrets and PINs at rest, under a key the host supplies (from its
 * secret manager, never from the database). Each value gets a fresh 12-byte IV; the IQ id and the
 * column name are bound in as associated data, so a ciphertext copied to another row or column does
 * not decrypt. A wrong key fails with a clear {@link StoreException}, never with garbage.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows only the key's fingerprint.
 */
public final class KeyEncryption {
  private static final byte VERSION = 1;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final String fingerprint;

  private KeyEncryption(byte[] raw) {
    this.key = new SecretKeySpec(raw.clone(), "AES");
    this.fingerprint = fingerprintOf(raw);
    Arrays.fill(raw, (byte) 0);
  }

  /**
   * Uses a 256-bit key.
   *
   * @param key32 32 bytes
   * @return the encryption
   */
  public static KeyEncryption of(byte[] key32) {
    Args.notNull("key", key32);
    if (key32.length != 32) {
      throw new IllegalArgumentException(
          "key must be 32 bytes (AES-256), got " + key32.length + "; generate one with KeyEncryption.generateKey()");
    }
    return new KeyEncryption(key32.clone());
  }

  /**
   * Uses a 256-bit key given in Base64 (as a secret manager hands it over).
   *
   * @param base64 the key, 44 Base64 characters
   * @return the encryption
   */
  public static KeyEncryption fromBase64(String base64) {
    Args.notNull("key", base64);
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key is not valid Base64 (pass the Base64 text of a 32-byte"
          + " key, without spaces); the value is not shown");
    }
    return of(raw);
  }

  /** A new random 256-bit key in Base64, for the host to keep in its secret manager. */
  public static String generateKey() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  /** A short, non-reversible fingerprint of the key, stored beside each row to tell keys apart. */
  public String fingerprint() {
    return fingerprint;
  }

  /** Encrypts a value for a row and column. */
  String encrypt(String plain, String iqId, String column) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad(iqId, column));
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(
          ByteBuffer.allocate(1 + iv.length + ct.length).put(VERSION).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new StoreException("AES-GCM is not available in this JVM", e);
    }
  }

  /** Decrypts a value of a row and column. */
  String decrypt(String stored, String iqId, String column, String storedFingerprint) {
    if (!fingerprint.equals(storedFingerprint)) {
      throw new StoreException("The IQ key of IQ " + iqId + " was stored under another encryption key"
          + " (fingerprint " + storedFingerprint + ", this one is " + fingerprint + "). Configure the"
          + " key it was stored with, or re-activate the IQ and store a new key.", null);
    }
    try {
      byte[] all = Base64.getDecoder().decode(stored);
      if (all.length < 1 + IV_BYTES + TAG_BITS / 8 || all[0] != VERSION) {
        throw new StoreException("The stored IQ key of IQ " + iqId + " is not in a format this SDK"
            + " reads (column " + column + ")", null);
      }
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 1, IV_BYTES));
      c.updateAAD(aad(iqId, column));
      byte[] plain = c.doFinal(all, 1 + IV_BYTES, all.length - 1 - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new StoreException("The stored IQ key of IQ " + iqId + " does not decrypt (column " + column
          + "): it was changed or moved in the database, or encrypted under another key.", e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new StoreException("The stored IQ key of IQ " + iqId + " cannot be read (column " + column + ")", e);
    }
  }

  private static byte[] aad(String iqId, String column) {
    return ("saltoks:iq_key:" + iqId + ":" + column).getBytes(StandardCharsets.UTF_8);
  }

  private static String fingerprintOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("saltoks-key-fingerprint".getBytes(StandardCharsets.UTF_8));
      byte[] d = sha.digest(raw);
      return java.util.HexFormat.of().formatHex(d, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "KeyEncryption[AES-256-GCM, fingerprint=" + fingerprint + "]";
  }
}
