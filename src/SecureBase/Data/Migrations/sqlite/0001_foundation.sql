-- Migration 0001: the foundation. Schools (the tenants) and their sites, local authorities and
-- trusts, user accounts with their roles per school, and the hash-chained audit log.

CREATE TABLE "audit_chain_head" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_audit_chain_head" PRIMARY KEY,
    "last_sequence" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL
);

CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "sequence" INTEGER NOT NULL,
    "at" TEXT NOT NULL,
    "user_id" TEXT NULL,
    "user_name" TEXT NULL,
    "role" TEXT NULL,
    "school_id" TEXT NULL,
    "action" TEXT NOT NULL,
    "record_type" TEXT NULL,
    "record_id" TEXT NULL,
    "reason" TEXT NULL,
    "detail" TEXT NULL,
    "previous_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);

CREATE TABLE "authorities" (
    "id" TEXT NOT NULL CONSTRAINT "pk_authorities" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "is_disabled" INTEGER NOT NULL,
    "must_change_password" INTEGER NOT NULL,
    "created_at" TEXT NOT NULL,
    "last_sign_in_at" TEXT NULL,
    "last_totp_step" INTEGER NOT NULL,
    "user_name" TEXT NULL,
    "normalized_user_name" TEXT NULL,
    "email" TEXT NULL,
    "normalized_email" TEXT NULL,
    "email_confirmed" INTEGER NOT NULL,
    "password_hash" TEXT NULL,
    "security_stamp" TEXT NULL,
    "concurrency_stamp" TEXT NULL,
    "phone_number" TEXT NULL,
    "phone_number_confirmed" INTEGER NOT NULL,
    "two_factor_enabled" INTEGER NOT NULL,
    "lockout_end" TEXT NULL,
    "lockout_enabled" INTEGER NOT NULL,
    "access_failed_count" INTEGER NOT NULL
);

CREATE TABLE "data_protection_keys" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_data_protection_keys" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NOT NULL
);

CREATE TABLE "schools" (
    "id" TEXT NOT NULL CONSTRAINT "pk_schools" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "urn" TEXT NULL,
    "authority_id" TEXT NULL,
    "time_zone_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "fk_schools_authorities_authority_id" FOREIGN KEY ("authority_id") REFERENCES "authorities" ("id") ON DELETE RESTRICT
);

CREATE TABLE "user_claims" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_claims" PRIMARY KEY AUTOINCREMENT,
    "user_id" TEXT NOT NULL,
    "claim_type" TEXT NULL,
    "claim_value" TEXT NULL,
    CONSTRAINT "fk_user_claims_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_logins" (
    "login_provider" TEXT NOT NULL,
    "provider_key" TEXT NOT NULL,
    "provider_display_name" TEXT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "pk_user_logins" PRIMARY KEY ("login_provider", "provider_key"),
    CONSTRAINT "fk_user_logins_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_tokens" (
    "user_id" TEXT NOT NULL,
    "login_provider" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NULL,
    CONSTRAINT "pk_user_tokens" PRIMARY KEY ("user_id", "login_provider", "name"),
    CONSTRAINT "fk_user_tokens_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "memberships" (
    "id" TEXT NOT NULL CONSTRAINT "pk_memberships" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "school_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "granted_at" TEXT NOT NULL,
    "granted_by" TEXT NULL,
    CONSTRAINT "fk_memberships_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_memberships_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "sites" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sites" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "fk_sites_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_audit_entries_school_id_sequence" ON "audit_entries" ("school_id", "sequence");

CREATE UNIQUE INDEX "ix_audit_entries_sequence" ON "audit_entries" ("sequence");

CREATE INDEX "ix_memberships_school_id_role" ON "memberships" ("school_id", "role");

CREATE UNIQUE INDEX "ix_memberships_user_id_school_id_role" ON "memberships" ("user_id", "school_id", "role");

CREATE INDEX "ix_schools_authority_id" ON "schools" ("authority_id");

CREATE UNIQUE INDEX "ix_sites_school_id_name" ON "sites" ("school_id", "name");

CREATE INDEX "ix_user_claims_user_id" ON "user_claims" ("user_id");

CREATE INDEX "ix_user_logins_user_id" ON "user_logins" ("user_id");

CREATE INDEX "email_index" ON "users" ("normalized_email");

CREATE UNIQUE INDEX "user_name_index" ON "users" ("normalized_user_name");

-- The audit log is append-only: the database itself refuses to change or delete an entry.
CREATE TRIGGER "audit_entries_no_update" BEFORE UPDATE ON "audit_entries"
BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed or deleted'); END;

CREATE TRIGGER "audit_entries_no_delete" BEFORE DELETE ON "audit_entries"
BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: entries cannot be changed or deleted'); END;

INSERT INTO "audit_chain_head" ("id", "last_sequence", "last_hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
