-- What teachers see (issue 11): classroom strategies a practitioner writes for a pupil and chooses to
-- share with the pupil's teachers, and each goal's rating at each termly review (carried, revised or closed).

CREATE TABLE classroom_strategies (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    text character varying(300) NOT NULL,
    shared_with_teachers boolean NOT NULL,
    written_on date NOT NULL,
    written_by uuid NOT NULL,
    sharing_changed_on date,
    CONSTRAINT pk_classroom_strategies PRIMARY KEY (id),
    CONSTRAINT fk_classroom_strategies_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_classroom_strategies_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_classroom_strategies_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_classroom_strategies_episode_id ON classroom_strategies (episode_id);

CREATE INDEX ix_classroom_strategies_pupil_id ON classroom_strategies (pupil_id);

CREATE INDEX ix_classroom_strategies_school_id ON classroom_strategies (school_id);

CREATE TABLE goal_review_ratings (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    review_id uuid NOT NULL,
    goal_id uuid NOT NULL,
    rating character varying(16) NOT NULL,
    next character varying(16) NOT NULL,
    next_goal_id uuid,
    rated_on date NOT NULL,
    CONSTRAINT pk_goal_review_ratings PRIMARY KEY (id),
    CONSTRAINT fk_goal_review_ratings_cycle_goals_goal_id FOREIGN KEY (goal_id) REFERENCES cycle_goals (id) ON DELETE RESTRICT,
    CONSTRAINT fk_goal_review_ratings_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_goal_review_ratings_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_goal_review_ratings_termly_reviews_review_id FOREIGN KEY (review_id) REFERENCES termly_reviews (id) ON DELETE CASCADE
);

CREATE INDEX ix_goal_review_ratings_episode_id ON goal_review_ratings (episode_id);

CREATE INDEX ix_goal_review_ratings_goal_id ON goal_review_ratings (goal_id);

CREATE UNIQUE INDEX ix_goal_review_ratings_review_id_goal_id ON goal_review_ratings (review_id, goal_id);

CREATE INDEX ix_goal_review_ratings_school_id ON goal_review_ratings (school_id);
