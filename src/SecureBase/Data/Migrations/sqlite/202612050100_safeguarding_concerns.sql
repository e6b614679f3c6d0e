-- Safeguarding concerns (issue 13, C11): a concern is saved once (the school's submission key) and never changed;
-- addenda and the DSL's actions are entries; sharing with a named member of staff is recorded with its reason.
-- Referrals made before this keep their safeguarding_details, readable only by the DSL; new referrals store none.

CREATE TABLE "safeguarding_concerns" (
    "id" TEXT NOT NULL CONSTRAINT "pk_safeguarding_concerns" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "raised_by_user_id" TEXT NOT NULL,
    "raised_by_name" TEXT NOT NULL,
    "raised_at" TEXT NOT NULL,
    "what_was_seen_or_said" TEXT NOT NULL,
    "happened_at" TEXT NULL,
    "who_was_present" TEXT NULL,
    "immediate_action" TEXT NULL,
    "category" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" TEXT NULL,
    "submission_key" TEXT NOT NULL,
    "first_opened_at" TEXT NULL,
    "outcome" TEXT NULL,
    "outcome_note" TEXT NULL,
    "closed_at" TEXT NULL,
    "closed_by_name" TEXT NULL,
    CONSTRAINT "fk_safeguarding_concerns_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_concerns_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "safeguarding_concern_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_safeguarding_concern_entries" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "concern_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "action" TEXT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT NULL,
    "on" TEXT NULL,
    "to_whom" TEXT NULL,
    "author_user_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    CONSTRAINT "fk_safeguarding_concern_entries_safeguarding_concerns_concern_id" FOREIGN KEY ("concern_id") REFERENCES "safeguarding_concerns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_concern_entries_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "safeguarding_concern_shares" (
    "id" TEXT NOT NULL CONSTRAINT "pk_safeguarding_concern_shares" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "concern_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "shared_by_name" TEXT NOT NULL,
    "shared_at" TEXT NOT NULL,
    CONSTRAINT "fk_safeguarding_concern_shares_safeguarding_concerns_concern_id" FOREIGN KEY ("concern_id") REFERENCES "safeguarding_concerns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_concern_shares_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_safeguarding_concern_entries_concern_id" ON "safeguarding_concern_entries" ("concern_id");

CREATE INDEX "ix_safeguarding_concern_entries_school_id" ON "safeguarding_concern_entries" ("school_id");

CREATE UNIQUE INDEX "ix_safeguarding_concern_shares_concern_id_user_id" ON "safeguarding_concern_shares" ("concern_id", "user_id");

CREATE INDEX "ix_safeguarding_concern_shares_school_id_user_id" ON "safeguarding_concern_shares" ("school_id", "user_id");

CREATE INDEX "ix_safeguarding_concerns_pupil_id" ON "safeguarding_concerns" ("pupil_id");

CREATE INDEX "ix_safeguarding_concerns_school_id_pupil_id" ON "safeguarding_concerns" ("school_id", "pupil_id");

CREATE UNIQUE INDEX "ix_safeguarding_concerns_school_id_submission_key" ON "safeguarding_concerns" ("school_id", "submission_key");
