-- Reports (issue 12): reports on an episode, written from the structured record, approved, versioned.

CREATE TABLE "reports" (
    "id" TEXT NOT NULL CONSTRAINT "pk_reports" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "series_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "period_from" TEXT NOT NULL,
    "period_to" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "recommendations" TEXT NOT NULL,
    "audience" INTEGER NOT NULL,
    "other_professionals" TEXT NULL,
    "facts" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "written_by_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    "approved_by" TEXT NULL,
    "approved_by_name" TEXT NULL,
    "approved_at" TEXT NULL,
    CONSTRAINT "fk_reports_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reports_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_reports_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_reports_episode_id" ON "reports" ("episode_id");

CREATE INDEX "ix_reports_pupil_id" ON "reports" ("pupil_id");

CREATE INDEX "ix_reports_school_id" ON "reports" ("school_id");

CREATE UNIQUE INDEX "ix_reports_series_id_version" ON "reports" ("series_id", "version");
