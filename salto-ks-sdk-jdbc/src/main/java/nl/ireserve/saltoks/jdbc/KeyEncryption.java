package nl.ireserve.saltoks.jdbc;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * AES-256-GCM encryption of IQ secrets and PINs at rest, under keys the host supplies (from its secret
 * manager, never from the database). Each value gets a fresh 12-byte IV; the IQ id and the column name are
 * bound in as associated data, so a ciphertext copied to another row or column does not decrypt. Each
 * ciphertext names its key (by fingerprint), so keys can rotate: {@code
 * KeyEncryption.fromBase64(newKey).alsoReading(KeyEncryption.fromBase64(oldKey))} writes with the new key
 * and reads values stored under either, and {@link JdbcIqKeyStore#reencrypt()} moves a site's rows to the
 * new key. A value whose key is not configured fails with a clear {@link StoreException} naming the key's
 * fingerprint, never with garbage.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows only fingerprints.
 */
public final class KeyEncryption {
  /** Version 1 named its key only in the row's fingerprint column; version 2 carries it in the value. */
  private static final byte V1 = 1;
  private static final byte V2 = 2;
  private static final int FP_BYTES = 8;
  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The key values are written with, then the keys also read, without duplicates. */
  private final List<Key> keys;

  private static final class Key {
    final SecretKeySpec spec;
    final String fingerprint;

    Key(byte[] raw) {
      this.spec = new SecretKeySpec(raw, "AES");
      this.fingerprint = fingerprintOf(raw);
    }
  }

  private KeyEncryption(List<Key> keys) {
    this.keys = List.copyOf(keys);
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
    byte[] raw = key32.clone();
    try {
      return new KeyEncryption(List.of(new Key(raw)));
    } finally {
      Arrays.fill(raw, (byte) 0); // SecretKeySpec keeps its own copy
    }
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

  /**
   * This key for writing, and also the keys of {@code previous} for reading: the configuration while a
   * key rotates. Keep the previous keys until {@link JdbcIqKeyStore#reencrypt()} has moved every site's
   * rows to the new key (it returns 0 then).
   *
   * @param previous the keys values may still be stored under
   * @return an encryption that writes with this key and reads with all of them
   */
  public KeyEncryption alsoReading(KeyEncryption... previous) {
    Args.notNull("previous", previous);
    Map<String, Key> all = new LinkedHashMap<>();
    keys.forEach(k -> all.putIfAbsent(k.fingerprint, k));
    for (KeyEncryption p : previous) {
      Args.notNull("previous[]", p).keys.forEach(k -> all.putIfAbsent(k.fingerprint, k));
    }
    return new KeyEncryption(new ArrayList<>(all.values()));
  }

  /** A short, non-reversible fingerprint of the key values are written with, stored beside each row. */
  public String fingerprint() {
    return keys.get(0).fingerprint;
  }

  /** Whether a row stored under this fingerprint is under the key values are written with. */
  boolean isCurrent(String storedFingerprint) {
    return fingerprint().equals(storedFingerprint);
  }

  /** Encrypts a value for a row and column, under the current key, naming it. */
  String encrypt(String plain, String iqId, String column) {
    Key key = keys.get(0);
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, iv));
      c.updateAAD(aad(iqId, column));
      byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + FP_BYTES + iv.length + ct.length)
          .put(V2).put(HexFormat.of().parseHex(key.fingerprint)).put(iv).put(ct).array());
    } catch (GeneralSecurityException e) {
      throw new StoreException("AES-GCM is not available in this JVM", e);
    }
  }

  /**
   * Decrypts a value of a row and column, with the key it names (version 2), or the key of the row's
   * fingerprint column (version 1).
   */
  String decrypt(String stored, String iqId, String column, String storedFingerprint) {
    byte[] all;
    try {
      all = Base64.getDecoder().decode(stored);
    } catch (IllegalArgumentException e) {
      throw unreadable(iqId, column, e);
    }
    int head = all.length > 0 && all[0] == V2 ? 1 + FP_BYTES : 1;
    if (all.length < head + IV_BYTES + TAG_BITS / 8 || (all[0] != V1 && all[0] != V2)) {
      throw new StoreException("The stored IQ key of IQ " + iqId + " is not in a format this SDK"
          + " reads (column " + column + ")", null);
    }
    String named = all[0] == V2 ? HexFormat.of().formatHex(all, 1, 1 + FP_BYTES) : storedFingerprint;
    Key key = keys.stream().filter(k -> k.fingerprint.equals(named)).findFirst().orElseThrow(() ->
        new StoreException("The IQ key of IQ " + iqId + " was stored under another encryption key"
            + " (fingerprint " + named + "; configured: " + fingerprints() + "). Configure the key it was"
            + " stored with (KeyEncryption.alsoReading while a rotation runs), or re-activate the IQ and"
            + " store a new key.", null));
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key.spec, new GCMParameterSpec(TAG_BITS, all, head, IV_BYTES));
      c.updateAAD(aad(iqId, column));
      byte[] plain = c.doFinal(all, head + IV_BYTES, all.length - head - IV_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (AEADBadTagException e) {
      throw new StoreException("The stored IQ key of IQ " + iqId + " does not decrypt (column " + column
          + "): it was changed or moved in the database, or encrypted under another key.", e);
    } catch (GeneralSecurityException e) {
      throw unreadable(iqId, column, e);
    }
  }

  private static StoreException unreadable(String iqId, String column, Exception cause) {
    return new StoreException("The stored IQ key of IQ " + iqId + " cannot be read (column " + column + ")", cause);
  }

  private List<String> fingerprints() {
    List<String> out = new ArrayList<>();
    keys.forEach(k -> out.add(k.fingerprint));
    return out;
  }

  private static byte[] aad(String iqId, String column) {
    return ("saltoks:iq_key:" + iqId + ":" + column).getBytes(StandardCharsets.UTF_8);
  }

  private static String fingerprintOf(byte[] raw) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("saltoks-key-fingerprint".getBytes(StandardCharsets.UTF_8));
      byte[] d = sha.digest(raw);
      return HexFormat.of().formatHex(d, 0, FP_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    List<String> fps = fingerprints();
    return "KeyEncryption[AES-256-GCM, fingerprint=" + fps.get(0)
        + (fps.size() > 1 ? ", also reading " + fps.subList(1, fps.size()) : "") + "]";
  }
}
