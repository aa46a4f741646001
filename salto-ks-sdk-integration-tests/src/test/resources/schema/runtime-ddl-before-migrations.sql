-- What the SDK's runtime DDL (Jdbc.ensureSchema, before the SQL migrations) left in a new database once every
-- store and guard had been opened: each part's versions run in order from version 1, as that code ran them.
CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL);

-- generation 1..3
CREATE TABLE saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL);
INSERT INTO saltoks_generation (name, value) VALUES ('links', 0);
UPDATE saltoks_generation SET name = 'stores' WHERE name = 'links';
DELETE FROM saltoks_generation WHERE name = 'stores';

-- mapping 1..2
CREATE TABLE saltoks_object_lock (object_id VARCHAR(200) NOT NULL PRIMARY KEY, object_name VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36) NOT NULL, lock_name VARCHAR(200) NOT NULL, linked_at BIGINT NOT NULL);
CREATE INDEX saltoks_object_lock_lock ON saltoks_object_lock (lock_id);
CREATE TABLE saltoks_link (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  object_id VARCHAR(200) NOT NULL, object_name VARCHAR(200) NOT NULL, lock_id VARCHAR(36) NOT NULL,
  lock_name VARCHAR(200) NOT NULL, linked_at BIGINT NOT NULL, PRIMARY KEY (environment, site_id, object_id));
CREATE INDEX saltoks_link_lock ON saltoks_link (environment, site_id, lock_id);
INSERT INTO saltoks_link (environment, site_id, object_id, object_name, lock_id, lock_name, linked_at)
  SELECT '', '', object_id, object_name, lock_id, lock_name, linked_at FROM saltoks_object_lock;
DROP TABLE saltoks_object_lock;

-- iq_key 1..3
CREATE TABLE saltoks_iq_key (iq_id VARCHAR(36) NOT NULL PRIMARY KEY, secret_enc VARCHAR(512) NOT NULL,
  pin_enc VARCHAR(512) NOT NULL, key_fingerprint VARCHAR(32) NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE saltoks_site_iq_key (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL, secret_enc VARCHAR(512) NOT NULL, pin_enc VARCHAR(512) NOT NULL,
  key_fingerprint VARCHAR(32) NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (environment, site_id, iq_id));
INSERT INTO saltoks_site_iq_key SELECT '', '', iq_id, secret_enc, pin_enc, key_fingerprint, updated_at FROM saltoks_iq_key;
DROP TABLE saltoks_iq_key;
ALTER TABLE saltoks_site_iq_key ADD COLUMN proven_at_lock BOOLEAN NOT NULL DEFAULT TRUE;

-- iq_pending 1..2
CREATE TABLE saltoks_iq_pending (iq_id VARCHAR(36) NOT NULL PRIMARY KEY, site_id VARCHAR(36) NOT NULL,
  secret_enc VARCHAR(512) NOT NULL, key_fingerprint VARCHAR(32) NOT NULL, created_at BIGINT NOT NULL);
CREATE TABLE saltoks_site_iq_pending (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL, secret_enc VARCHAR(512) NOT NULL, key_fingerprint VARCHAR(32) NOT NULL,
  created_at BIGINT NOT NULL, PRIMARY KEY (environment, site_id, iq_id));
INSERT INTO saltoks_site_iq_pending SELECT '', site_id, iq_id, secret_enc, key_fingerprint, created_at
  FROM saltoks_iq_pending;
DROP TABLE saltoks_iq_pending;

-- guards 1..4
CREATE TABLE saltoks_site_state (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  active BOOLEAN NOT NULL, PRIMARY KEY (environment, site_id));
CREATE TABLE saltoks_lock_guard (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  lock_id VARCHAR(36) NOT NULL, PRIMARY KEY (environment, site_id, lock_id));
CREATE TABLE saltoks_open_claim (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL, lock_id VARCHAR(36) NOT NULL, attempt_id VARCHAR(36) NOT NULL,
  PRIMARY KEY (environment, site_id, reservation_id, lock_id));
CREATE TABLE saltoks_open_journal (attempt_id VARCHAR(36) NOT NULL PRIMARY KEY, environment VARCHAR(32) NOT NULL,
  site_id VARCHAR(36) NOT NULL, reservation_id VARCHAR(200) NOT NULL, object_id VARCHAR(200) NOT NULL,
  lock_id VARCHAR(36), status VARCHAR(32) NOT NULL, reasons VARCHAR(1000) NOT NULL, claimed BOOLEAN NOT NULL,
  started_at BIGINT NOT NULL, sent_at BIGINT, answered_at BIGINT);
CREATE INDEX saltoks_open_journal_reservation ON saltoks_open_journal (environment, site_id, reservation_id, started_at);
CREATE INDEX saltoks_open_journal_lock ON saltoks_open_journal (environment, site_id, lock_id, started_at);
CREATE TABLE saltoks_check_in (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL, checked_in_at BIGINT NOT NULL, PRIMARY KEY (environment, site_id, reservation_id));
CREATE TABLE saltoks_otp_key (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  iq_id VARCHAR(36) NOT NULL, key_digest VARCHAR(64) NOT NULL, accepted BOOLEAN, lease_until BIGINT NOT NULL,
  PRIMARY KEY (environment, site_id, iq_id, key_digest));
ALTER TABLE saltoks_otp_key ADD COLUMN holder VARCHAR(36);
ALTER TABLE saltoks_site_state ADD COLUMN remote_openings_logged BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX saltoks_open_journal_started ON saltoks_open_journal (started_at);

-- guest_grant 1
CREATE TABLE saltoks_guest_grant (environment VARCHAR(32) NOT NULL, site_id VARCHAR(36) NOT NULL,
  reservation_id VARCHAR(200) NOT NULL, object_id VARCHAR(200) NOT NULL, lock_id VARCHAR(36) NOT NULL,
  from_at BIGINT NOT NULL, until_at BIGINT NOT NULL, state VARCHAR(16) NOT NULL,
  site_user_id VARCHAR(36), user_id VARCHAR(36), group_id VARCHAR(64), schedule_id VARCHAR(64),
  holder VARCHAR(64), held_until BIGINT, PRIMARY KEY (environment, site_id, reservation_id));
CREATE INDEX saltoks_guest_grant_until ON saltoks_guest_grant (environment, site_id, until_at);

INSERT INTO saltoks_schema (component, version) VALUES ('generation', 3), ('mapping', 2), ('iq_key', 3),
  ('iq_pending', 2), ('guards', 4), ('guest_grant', 1);

-- a row in every table, as a host in production has them
INSERT INTO saltoks_generation VALUES ('stores:acceptance:11111111-1111-4111-8111-111111111111', 12);
INSERT INTO saltoks_link VALUES ('acceptance', '11111111-1111-4111-8111-111111111111', 'room-101', 'Room 101',
  'aaaaaaaa-0000-4000-8000-000000000001', 'Lock Alpha', 1700000000000);
INSERT INTO saltoks_site_iq_key VALUES ('acceptance', '11111111-1111-4111-8111-111111111111',
  'bbbbbbbb-0000-4000-8000-000000000001', 'v2:secret-ciphertext', 'v2:pin-ciphertext', 'fp01', 1700000000000, FALSE);
INSERT INTO saltoks_site_iq_pending VALUES ('acceptance', '11111111-1111-4111-8111-111111111111',
  'bbbbbbbb-0000-4000-8000-000000000002', 'v2:pending-ciphertext', 'fp01', 1700000000000);
INSERT INTO saltoks_site_state VALUES ('acceptance', '11111111-1111-4111-8111-111111111111', FALSE, TRUE);
INSERT INTO saltoks_lock_guard VALUES ('acceptance', '11111111-1111-4111-8111-111111111111',
  'aaaaaaaa-0000-4000-8000-000000000001');
INSERT INTO saltoks_open_claim VALUES ('acceptance', '11111111-1111-4111-8111-111111111111', 'res-1',
  'aaaaaaaa-0000-4000-8000-000000000001', 'cccccccc-0000-4000-8000-000000000001');
INSERT INTO saltoks_open_journal VALUES ('cccccccc-0000-4000-8000-000000000001', 'acceptance',
  '11111111-1111-4111-8111-111111111111', 'res-1', 'room-101', 'aaaaaaaa-0000-4000-8000-000000000001', 'OPENED', '',
  TRUE, 1700000000000, 1700000000100, 1700000000200);
INSERT INTO saltoks_check_in VALUES ('acceptance', '11111111-1111-4111-8111-111111111111', 'res-1', 1700000000300);
INSERT INTO saltoks_otp_key VALUES ('acceptance', '11111111-1111-4111-8111-111111111111',
  'bbbbbbbb-0000-4000-8000-000000000001', 'digest01', TRUE, 1700000000000, 'dddddddd-0000-4000-8000-000000000001');
INSERT INTO saltoks_guest_grant VALUES ('acceptance', '11111111-1111-4111-8111-111111111111', 'res-1', 'room-101',
  'aaaaaaaa-0000-4000-8000-000000000001', 1700000000000, 1700086400000, 'GRANTED', 'u1', 'u2', 'g1', 's1', NULL, NULL);
