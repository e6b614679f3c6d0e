-- The 12-week cycle on an episode (issue 11): tier and modality, the situation analysis, SMART goals per cycle,
-- the week 6 / 11 / 12 checks and termly reviews.

ALTER TABLE "episodes" ADD COLUMN "tier" TEXT NULL;

ALTER TABLE "episodes" ADD COLUMN "modality" TEXT NULL;

CREATE TABLE "cycle_checks" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cycle_checks" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "recorded_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "fk_cycle_checks_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cycle_checks_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_cycle_checks_episode_id_cycle_kind" ON "cycle_checks" ("episode_id", "cycle", "kind");

CREATE INDEX "ix_cycle_checks_school_id" ON "cycle_checks" ("school_id");

CREATE TABLE "cycle_goals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cycle_goals" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "cycle" INTEGER NOT NULL,
    "specific" TEXT NOT NULL,
    "measurable" TEXT NOT NULL,
    "achievable" TEXT NOT NULL,
    "relevant" TEXT NOT NULL,
    "time_bound" TEXT NOT NULL,
    "planned_interventions" TEXT NULL,
    "mdt_meeting_id" TEXT NULL,
    "agreed_on" TEXT NOT NULL,
    "rating" TEXT NULL,
    "rated_on" TEXT NULL,
    "carried_from" TEXT NULL,
    CONSTRAINT "fk_cycle_goals_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cycle_goals_mdt_meetings_mdt_meeting_id" FOREIGN KEY ("mdt_meeting_id") REFERENCES "mdt_meetings" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_cycle_goals_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_cycle_goals_episode_id_cycle" ON "cycle_goals" ("episode_id", "cycle");

CREATE INDEX "ix_cycle_goals_mdt_meeting_id" ON "cycle_goals" ("mdt_meeting_id");

CREATE INDEX "ix_cycle_goals_school_id" ON "cycle_goals" ("school_id");

CREATE TABLE "situation_analyses" (
    "id" TEXT NOT NULL CONSTRAINT "pk_situation_analyses" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "ehcp_reviewed" INTEGER NOT NULL,
    "ehcp_note" TEXT NULL,
    "background" TEXT NULL,
    "needs" TEXT NULL,
    "strengths" TEXT NULL,
    "challenges" TEXT NULL,
    "met_pupil" INTEGER NOT NULL,
    "met_family" INTEGER NOT NULL,
    "met_teachers" INTEGER NOT NULL,
    "assessment_tools" TEXT NULL,
    "recorded_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "fk_situation_analyses_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_situation_analyses_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_situation_analyses_episode_id" ON "situation_analyses" ("episode_id");

CREATE INDEX "ix_situation_analyses_school_id" ON "situation_analyses" ("school_id");

CREATE TABLE "termly_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_termly_reviews" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "term_ends_on" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "change" TEXT NULL,
    "note" TEXT NOT NULL,
    "recorded_on" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    CONSTRAINT "fk_termly_reviews_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_termly_reviews_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_termly_reviews_episode_id_term_ends_on" ON "termly_reviews" ("episode_id", "term_ends_on");

CREATE INDEX "ix_termly_reviews_school_id" ON "termly_reviews" ("school_id");
