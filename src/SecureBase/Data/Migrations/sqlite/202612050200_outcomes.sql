-- Outcomes (issue 12): TOM ratings per episode (baseline, interim, final of each cycle) and SDQ scores per informant.

CREATE TABLE "sdq_scores" (
    "id" TEXT NOT NULL CONSTRAINT "pk_sdq_scores" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "informant" TEXT NOT NULL,
    "completed_on" TEXT NOT NULL,
    "emotional" INTEGER NOT NULL,
    "conduct" INTEGER NOT NULL,
    "hyperactivity" INTEGER NOT NULL,
    "peer_problems" INTEGER NOT NULL,
    "prosocial" INTEGER NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "fk_sdq_scores_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_sdq_scores_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_sdq_scores_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "tom_ratings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_tom_ratings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "point" TEXT NOT NULL,
    "rated_on" TEXT NOT NULL,
    "rated_by" TEXT NOT NULL,
    "rated_by_name" TEXT NOT NULL,
    "scale" TEXT NOT NULL,
    "impairment" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "participation" TEXT NOT NULL,
    "well_being" TEXT NOT NULL,
    "carer_well_being" TEXT NULL,
    CONSTRAINT "fk_tom_ratings_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_tom_ratings_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_tom_ratings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_sdq_scores_episode_id" ON "sdq_scores" ("episode_id");

CREATE INDEX "ix_sdq_scores_pupil_id" ON "sdq_scores" ("pupil_id");

CREATE INDEX "ix_sdq_scores_school_id" ON "sdq_scores" ("school_id");

CREATE UNIQUE INDEX "ix_tom_ratings_episode_id_cycle_point" ON "tom_ratings" ("episode_id", "cycle", "point");

CREATE INDEX "ix_tom_ratings_pupil_id" ON "tom_ratings" ("pupil_id");

CREATE INDEX "ix_tom_ratings_school_id_rated_on" ON "tom_ratings" ("school_id", "rated_on");
