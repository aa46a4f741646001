-- The SALTO KS SDK's tables (PostgreSQL 12 or newer), at their newest shape.
--
-- Run by Flyway with its own history table:
--   Flyway.configure().dataSource(ds).locations("classpath:db/saltoks/migration")
--       .table("saltoks_flyway_history").baselineOnMigrate(false).load().migrate()
-- or by the SDK when the host opts in: JdbcStores.builder(ds).migrateSchema(true).build().
--
-- Every statement in every file here is idempotent: the SDK runs them all on each start (under an advisory
-- lock), and the same file brings a new database, or one whose tables an earlier snapshot of the SDK created
-- with its runtime DDL (at any of its versions), to this schema without losing a row.

CREATE TABLE IF NOT EXISTS saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL);

-- A counter of changes to each site's links and IQ keys: one row per site, named stores:<environment>:<site>.
-- Every write of a link or a key bumps it in its transaction; the guards read it before every opening.
CREATE TABLE IF NOT EXISTS saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL);
-- the one counter of the first snapshots (named links, later stores) counted every site's changes at once
DELETE FROM saltoks_generation WHERE name IN ('links', 'stores');

-- Object -> lock links of every site; the primary key enforces one lock per object.
CREATE TABLE IF NOT EXISTS saltoks_link (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  object_id VARCHAR(200) NOT NULL,
  object_name VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36) NOT NULL,
  lock_name VARCHAR(200) NOT NULL,
  linked_at BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, object_id));
CREATE INDEX IF NOT EXISTS saltoks_link_lock ON saltoks_link (environment, site_id, lock_id);
-- links from before sites: kept unscoped (empty environment and site) until the first site's store adopts them
DO $$
BEGIN
  IF to_regclass('saltoks_object_lock') IS NOT NULL THEN
    INSERT INTO saltoks_link (environment, site_id, object_id, object_name, lock_id, lock_name, linked_at)
      SELECT '', '', object_id, object_name, lock_id, lock_name, linked_at FROM saltoks_object_lock;
    DROP TABLE saltoks_object_lock;
  END IF;
END $$;

-- IQ keys (secret and PIN, AES-GCM ciphertext only) and pending activations of every site.
CREATE TABLE IF NOT EXISTS saltoks_site_iq_key (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL,
  secret_enc VARCHAR(512) NOT NULL,
  pin_enc VARCHAR(512) NOT NULL,
  key_fingerprint VARCHAR(32) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, iq_id));
-- a key changed with a delta is marked until a remote opening proves it at a lock
ALTER TABLE saltoks_site_iq_key ADD COLUMN IF NOT EXISTS proven_at_lock BOOLEAN NOT NULL DEFAULT TRUE;
DO $$
BEGIN
  IF to_regclass('saltoks_iq_key') IS NOT NULL THEN
    INSERT INTO saltoks_site_iq_key (environment, site_id, iq_id, secret_enc, pin_enc, key_fingerprint, updated_at)
      SELECT '', '', iq_id, secret_enc, pin_enc, key_fingerprint, updated_at FROM saltoks_iq_key;
    DROP TABLE saltoks_iq_key;
  END IF;
END $$;

CREATE TABLE IF NOT EXISTS saltoks_site_iq_pending (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL,
  secret_enc VARCHAR(512) NOT NULL,
  key_fingerprint VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, iq_id));
-- a pending activation from before environments already named its site
DO $$
BEGIN
  IF to_regclass('saltoks_iq_pending') IS NOT NULL THEN
    INSERT INTO saltoks_site_iq_pending (environment, site_id, iq_id, secret_enc, key_fingerprint, created_at)
      SELECT '', site_id, iq_id, secret_enc, key_fingerprint, created_at FROM saltoks_iq_pending;
    DROP TABLE saltoks_iq_pending;
  END IF;
END $$;

-- The guards shared by every host instance: the integration switch, a row per lock to serialize its claims,
-- the claims and the journal of openings, the check-ins, and the one-time-password turns per IQ key.
CREATE TABLE IF NOT EXISTS saltoks_site_state (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  active BOOLEAN NOT NULL,
  PRIMARY KEY (environment, site_id));
-- whether the site's entries show remote openings, learned from the first confirmed one
ALTER TABLE saltoks_site_state ADD COLUMN IF NOT EXISTS remote_openings_logged BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE IF NOT EXISTS saltoks_lock_guard (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  lock_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (environment, site_id, lock_id));

CREATE TABLE IF NOT EXISTS saltoks_open_claim (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36) NOT NULL,
  attempt_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (environment, site_id, reservation_id, lock_id));

CREATE TABLE IF NOT EXISTS saltoks_open_journal (
  attempt_id VARCHAR(36) NOT NULL PRIMARY KEY,
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL,
  object_id VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36),
  status VARCHAR(32) NOT NULL,
  reasons VARCHAR(1000) NOT NULL,
  claimed BOOLEAN NOT NULL,
  started_at BIGINT NOT NULL,
  sent_at BIGINT,
  answered_at BIGINT);
CREATE INDEX IF NOT EXISTS saltoks_open_journal_reservation
  ON saltoks_open_journal (environment, site_id, reservation_id, started_at);
CREATE INDEX IF NOT EXISTS saltoks_open_journal_lock ON saltoks_open_journal (environment, site_id, lock_id, started_at);
-- the journal is pruned by age (the guards' journal retention)
CREATE INDEX IF NOT EXISTS saltoks_open_journal_started ON saltoks_open_journal (started_at);

CREATE TABLE IF NOT EXISTS saltoks_check_in (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL,
  checked_in_at BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, reservation_id));

CREATE TABLE IF NOT EXISTS saltoks_otp_key (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL,
  key_digest VARCHAR(64) NOT NULL,
  accepted BOOLEAN,
  lease_until BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, iq_id, key_digest));
-- an OTP turn names its holder, so two callers in the same millisecond never both go first
ALTER TABLE saltoks_otp_key ADD COLUMN IF NOT EXISTS holder VARCHAR(36);

-- Guest access: one grant per site and reservation, with the SALTO ids it created and a lease per operation.
CREATE TABLE IF NOT EXISTS saltoks_guest_grant (
  environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL,
  object_id VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36) NOT NULL,
  from_at BIGINT NOT NULL,
  until_at BIGINT NOT NULL,
  state VARCHAR(16) NOT NULL,
  site_user_id VARCHAR(36),
  user_id VARCHAR(36),
  group_id VARCHAR(64),
  schedule_id VARCHAR(64),
  holder VARCHAR(64),
  held_until BIGINT,
  PRIMARY KEY (environment, site_id, reservation_id));
CREATE INDEX IF NOT EXISTS saltoks_guest_grant_until ON saltoks_guest_grant (environment, site_id, until_at);

-- The version of each part as the SDK's runtime DDL numbered them, and of these files ('sql'): never lowered,
-- so an SDK older than the database refuses to run on it instead of misreading it.
INSERT INTO saltoks_schema (component, version) VALUES
  ('generation', 3), ('mapping', 2), ('iq_key', 3), ('iq_pending', 2), ('guards', 4), ('guest_grant', 1), ('sql', 1)
  ON CONFLICT (component) DO UPDATE SET version = GREATEST(saltoks_schema.version, EXCLUDED.version);
