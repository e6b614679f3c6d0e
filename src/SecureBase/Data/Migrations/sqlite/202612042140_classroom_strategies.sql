-- What teachers see (issue 11): classroom strategies a practitioner writes for a pupil and chooses to
-- share with the pupil's teachers, and each goal's rating at each termly review (carried, revised or closed).

CREATE TABLE "classroom_strategies" (
    "id" TEXT NOT NULL CONSTRAINT "pk_classroom_strategies" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "shared_with_teachers" INTEGER NOT NULL,
    "written_on" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "sharing_changed_on" TEXT NULL,
    CONSTRAINT "fk_classroom_strategies_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_classroom_strategies_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_classroom_strategies_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_classroom_strategies_episode_id" ON "classroom_strategies" ("episode_id");

CREATE INDEX "ix_classroom_strategies_pupil_id" ON "classroom_strategies" ("pupil_id");

CREATE INDEX "ix_classroom_strategies_school_id" ON "classroom_strategies" ("school_id");

CREATE TABLE "goal_review_ratings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_goal_review_ratings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "review_id" TEXT NOT NULL,
    "goal_id" TEXT NOT NULL,
    "rating" TEXT NOT NULL,
    "next" TEXT NOT NULL,
    "next_goal_id" TEXT NULL,
    "rated_on" TEXT NOT NULL,
    CONSTRAINT "fk_goal_review_ratings_cycle_goals_goal_id" FOREIGN KEY ("goal_id") REFERENCES "cycle_goals" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_goal_review_ratings_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_goal_review_ratings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_goal_review_ratings_termly_reviews_review_id" FOREIGN KEY ("review_id") REFERENCES "termly_reviews" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_goal_review_ratings_episode_id" ON "goal_review_ratings" ("episode_id");

CREATE INDEX "ix_goal_review_ratings_goal_id" ON "goal_review_ratings" ("goal_id");

CREATE UNIQUE INDEX "ix_goal_review_ratings_review_id_goal_id" ON "goal_review_ratings" ("review_id", "goal_id");

CREATE INDEX "ix_goal_review_ratings_school_id" ON "goal_review_ratings" ("school_id");
