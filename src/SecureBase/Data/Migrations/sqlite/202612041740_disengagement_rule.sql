-- The 6-week disengagement rule (West Heath): the run of refused school weeks on each episode, whether
-- people were warned about it, the strategies tried to engage the pupil, the school's thresholds, and
-- which tutor group a member of staff is tutor or pastoral lead for.

ALTER TABLE "episodes" ADD COLUMN "refused_weeks" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "episodes" ADD COLUMN "refusal_run_from" TEXT NULL;
ALTER TABLE "episodes" ADD COLUMN "disengagement_warned_for" TEXT NULL;
ALTER TABLE "episodes" ADD COLUMN "do_not_tell_parents" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "staff_members" ADD COLUMN "tutor_group" TEXT NULL;

CREATE TABLE "engagement_strategies" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_engagement_strategies" PRIMARY KEY AUTOINCREMENT,
    "tried_on" TEXT NOT NULL,
    "what" TEXT NOT NULL,
    "by_user_id" TEXT NOT NULL,
    "by_name" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    CONSTRAINT "fk_engagement_strategies_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_engagement_strategies_episode_id" ON "engagement_strategies" ("episode_id");

CREATE TABLE "engagement_settings" (
    "school_id" TEXT NOT NULL CONSTRAINT "pk_engagement_settings" PRIMARY KEY,
    "warn_after_weeks" INTEGER NOT NULL,
    "release_after_weeks" INTEGER NOT NULL,
    CONSTRAINT "fk_engagement_settings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);
