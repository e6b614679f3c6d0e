-- Pupils' lessons from the school's information system (one row per lesson of a pupil's week), the
-- SENDCo's marks on the subjects a pupil must not miss (protected) or should preferably not miss
-- (avoid) for therapy, and lessons files checked and waiting to be confirmed.

CREATE TABLE "pupil_lessons" (
    "id" TEXT NOT NULL CONSTRAINT "pk_pupil_lessons" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "period_id" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    CONSTRAINT "fk_pupil_lessons_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_pupil_lessons_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_pupil_lessons_lesson_periods_period_id" FOREIGN KEY ("period_id") REFERENCES "lesson_periods" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_pupil_lessons_pupil_id_day_period_id" ON "pupil_lessons" ("pupil_id", "day", "period_id");

CREATE INDEX "ix_pupil_lessons_school_id" ON "pupil_lessons" ("school_id");

CREATE INDEX "ix_pupil_lessons_period_id" ON "pupil_lessons" ("period_id");

CREATE TABLE "subject_marks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_subject_marks" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "protection" TEXT NOT NULL,
    "marked_by" TEXT NOT NULL,
    "marked_at" TEXT NOT NULL,
    CONSTRAINT "fk_subject_marks_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_subject_marks_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_subject_marks_pupil_id_subject_key" ON "subject_marks" ("pupil_id", "subject_key");

CREATE INDEX "ix_subject_marks_school_id" ON "subject_marks" ("school_id");

CREATE TABLE "pending_lesson_imports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_pending_lesson_imports" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    CONSTRAINT "fk_pending_lesson_imports_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_pending_lesson_imports_expires_at" ON "pending_lesson_imports" ("expires_at");

CREATE INDEX "ix_pending_lesson_imports_school_id_user_id" ON "pending_lesson_imports" ("school_id", "user_id");
