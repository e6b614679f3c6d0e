-- Outcomes (issue 12): TOM ratings per episode (baseline, interim, final of each cycle) and SDQ scores per informant.

CREATE TABLE sdq_scores (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    informant character varying(16) NOT NULL,
    completed_on date NOT NULL,
    emotional integer NOT NULL,
    conduct integer NOT NULL,
    hyperactivity integer NOT NULL,
    peer_problems integer NOT NULL,
    prosocial integer NOT NULL,
    recorded_by uuid NOT NULL,
    CONSTRAINT pk_sdq_scores PRIMARY KEY (id),
    CONSTRAINT fk_sdq_scores_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_sdq_scores_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_sdq_scores_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE tom_ratings (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    discipline character varying(32) NOT NULL,
    cycle integer NOT NULL,
    point character varying(16) NOT NULL,
    rated_on date NOT NULL,
    rated_by uuid NOT NULL,
    rated_by_name character varying(200) NOT NULL,
    scale character varying(100) NOT NULL,
    impairment numeric NOT NULL,
    activity numeric NOT NULL,
    participation numeric NOT NULL,
    well_being numeric NOT NULL,
    carer_well_being numeric,
    CONSTRAINT pk_tom_ratings PRIMARY KEY (id),
    CONSTRAINT fk_tom_ratings_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_tom_ratings_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_tom_ratings_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_sdq_scores_episode_id ON sdq_scores (episode_id);

CREATE INDEX ix_sdq_scores_pupil_id ON sdq_scores (pupil_id);

CREATE INDEX ix_sdq_scores_school_id ON sdq_scores (school_id);

CREATE UNIQUE INDEX ix_tom_ratings_episode_id_cycle_point ON tom_ratings (episode_id, cycle, point);

CREATE INDEX ix_tom_ratings_pupil_id ON tom_ratings (pupil_id);

CREATE INDEX ix_tom_ratings_school_id_rated_on ON tom_ratings (school_id, rated_on);
