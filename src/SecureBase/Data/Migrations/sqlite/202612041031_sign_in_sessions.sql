-- Sign-in sessions recorded in the database (ADR 7): the session cookie names a row here, and the
-- session guard refuses a cookie whose session has ended (signed out, password changed or reset,
-- two-factor reset, account disabled, timed out). Cookies issued before this migration name no
-- session, so everyone signs in again once after the upgrade.

CREATE TABLE "sign_in_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sign_in_sessions" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "started_at" TEXT NOT NULL,
    "last_seen_at" TEXT NOT NULL,
    "ended_at" TEXT NULL,
    "end_reason" TEXT NULL,
    CONSTRAINT "fk_sign_in_sessions_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_sign_in_sessions_user_id" ON "sign_in_sessions" ("user_id");
