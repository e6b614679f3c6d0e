-- Migration 0003: the caseload. Episodes of therapy: one pupil with one practitioner in one
-- discipline, from allocation to discharge (with the reason). An open episode puts the pupil on the caseload.

CREATE TABLE "episodes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_episodes" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "end_date" TEXT NULL,
    "discharge_reason" TEXT NULL,
    "discharge_note" TEXT NULL,
    "referral_id" TEXT NULL,
    CONSTRAINT "fk_episodes_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_episodes_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_episodes_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_episodes_pupil_id" ON "episodes" ("pupil_id");

CREATE INDEX "ix_episodes_referral_id" ON "episodes" ("referral_id");

CREATE INDEX "ix_episodes_school_id_pupil_id_status" ON "episodes" ("school_id", "pupil_id", "status");

CREATE INDEX "ix_episodes_school_id_staff_id_status" ON "episodes" ("school_id", "staff_id", "status");

CREATE INDEX "ix_episodes_staff_id" ON "episodes" ("staff_id");
