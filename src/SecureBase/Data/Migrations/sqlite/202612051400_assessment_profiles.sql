-- Assessments profiles (issue 12, Westbourne): strengths and targets from assessments, each marked with whom it may be
-- shared with (flags: 1 the pupil, 2 parents, 4 staff, 8 other professionals) and shown to each reader only as marked.

CREATE TABLE "assessment_items" (
    "id" TEXT NOT NULL CONSTRAINT "pk_assessment_items" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "assessment" TEXT NOT NULL,
    "assessed_on" TEXT NOT NULL,
    "assessed_by" TEXT NOT NULL,
    "statement" TEXT NOT NULL,
    "audience" INTEGER NOT NULL,
    "written_by" TEXT NOT NULL,
    "written_on" TEXT NOT NULL,
    "changed_on" TEXT NULL,
    CONSTRAINT "fk_assessment_items_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_assessment_items_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_assessment_items_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_assessment_items_episode_id" ON "assessment_items" ("episode_id");

CREATE INDEX "ix_assessment_items_pupil_id" ON "assessment_items" ("pupil_id");

CREATE INDEX "ix_assessment_items_school_id" ON "assessment_items" ("school_id");
