-- Safeguarding, what was still missing (issue 13, C11):
-- * each DSL's own unread state (a concern stays unread for a DSL until they open it);
-- * child protection files sent to another school of this installation, with when sent and received;
-- * the school's "was not brought" threshold, kept by the DSL;
-- * concerns and what was added to them are never deleted: the database itself refuses.

CREATE TABLE "safeguarding_concern_reads" (
    "concern_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "school_id" TEXT NOT NULL,
    "read_at" TEXT NOT NULL,
    CONSTRAINT "pk_safeguarding_concern_reads" PRIMARY KEY ("concern_id", "user_id"),
    CONSTRAINT "fk_safeguarding_concern_reads_safeguarding_concerns_concern_id" FOREIGN KEY ("concern_id") REFERENCES "safeguarding_concerns" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_concern_reads_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_safeguarding_concern_reads_school_id_user_id" ON "safeguarding_concern_reads" ("school_id", "user_id");

-- Concerns a DSL had already opened before each DSL kept their own count stay read for the school's DSLs of today.
INSERT INTO "safeguarding_concern_reads" ("concern_id", "user_id", "school_id", "read_at")
SELECT DISTINCT c."id", m."user_id", c."school_id", c."first_opened_at"
FROM "safeguarding_concerns" c JOIN "memberships" m ON m."school_id" = c."school_id" AND m."role" = 'Dsl'
WHERE c."first_opened_at" IS NOT NULL;

CREATE TABLE "safeguarding_cp_transfers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_safeguarding_cp_transfers" PRIMARY KEY,
    "from_school_id" TEXT NOT NULL,
    "from_school_name" TEXT NOT NULL,
    "to_school_id" TEXT NOT NULL,
    "to_school_name" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "pupil_name" TEXT NOT NULL,
    "pupil_date_of_birth" TEXT NOT NULL,
    "to_dsl_user_id" TEXT NOT NULL,
    "to_dsl_name" TEXT NOT NULL,
    "sent_by_user_id" TEXT NOT NULL,
    "sent_by_name" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    "moved_on" TEXT NOT NULL,
    "confirm_by" TEXT NOT NULL,
    "concern_count" INTEGER NOT NULL,
    "file_json" TEXT NOT NULL,
    "confirmed_at" TEXT NULL,
    "confirmed_by_user_id" TEXT NULL,
    "confirmed_by_name" TEXT NULL,
    CONSTRAINT "fk_safeguarding_cp_transfers_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_cp_transfers_schools_from_school_id" FOREIGN KEY ("from_school_id") REFERENCES "schools" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_safeguarding_cp_transfers_schools_to_school_id" FOREIGN KEY ("to_school_id") REFERENCES "schools" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_safeguarding_cp_transfers_from_school_id_pupil_id" ON "safeguarding_cp_transfers" ("from_school_id", "pupil_id");

CREATE INDEX "ix_safeguarding_cp_transfers_to_school_id" ON "safeguarding_cp_transfers" ("to_school_id");

CREATE INDEX "ix_safeguarding_cp_transfers_pupil_id" ON "safeguarding_cp_transfers" ("pupil_id");

CREATE TABLE "safeguarding_settings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_safeguarding_settings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "was_not_brought_weeks" INTEGER NOT NULL,
    "changed_at" TEXT NOT NULL,
    "changed_by_name" TEXT NOT NULL,
    CONSTRAINT "fk_safeguarding_settings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_safeguarding_settings_school_id" ON "safeguarding_settings" ("school_id");

CREATE TRIGGER "safeguarding_concerns_never_deleted" BEFORE DELETE ON "safeguarding_concerns"
BEGIN SELECT RAISE(ABORT, 'Child protection records are never deleted: they are kept until their retention review'); END;

CREATE TRIGGER "safeguarding_concern_entries_never_deleted" BEFORE DELETE ON "safeguarding_concern_entries"
BEGIN SELECT RAISE(ABORT, 'Child protection records are never deleted: they are kept until their retention review'); END;

CREATE TRIGGER "safeguarding_cp_transfers_never_deleted" BEFORE DELETE ON "safeguarding_cp_transfers"
BEGIN SELECT RAISE(ABORT, 'Child protection records are never deleted: they are kept until their retention review'); END;
