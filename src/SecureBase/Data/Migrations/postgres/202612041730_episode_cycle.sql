-- The 12-week cycle on an episode (issue 11): tier and modality, the situation analysis, SMART goals per cycle,
-- the week 6 / 11 / 12 checks and termly reviews.

ALTER TABLE episodes ADD COLUMN tier character varying(16);

ALTER TABLE episodes ADD COLUMN modality character varying(200);

CREATE TABLE cycle_checks (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    cycle integer NOT NULL,
    kind character varying(24) NOT NULL,
    note character varying(4000) NOT NULL,
    recorded_on date NOT NULL,
    recorded_by uuid NOT NULL,
    CONSTRAINT pk_cycle_checks PRIMARY KEY (id),
    CONSTRAINT fk_cycle_checks_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_cycle_checks_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_cycle_checks_episode_id_cycle_kind ON cycle_checks (episode_id, cycle, kind);

CREATE INDEX ix_cycle_checks_school_id ON cycle_checks (school_id);

CREATE TABLE cycle_goals (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    cycle integer NOT NULL,
    specific character varying(1000) NOT NULL,
    measurable character varying(1000) NOT NULL,
    achievable character varying(1000) NOT NULL,
    relevant character varying(1000) NOT NULL,
    time_bound character varying(1000) NOT NULL,
    planned_interventions character varying(1000),
    mdt_meeting_id uuid,
    agreed_on date NOT NULL,
    rating character varying(16),
    rated_on date,
    carried_from uuid,
    CONSTRAINT pk_cycle_goals PRIMARY KEY (id),
    CONSTRAINT fk_cycle_goals_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_cycle_goals_mdt_meetings_mdt_meeting_id FOREIGN KEY (mdt_meeting_id) REFERENCES mdt_meetings (id) ON DELETE SET NULL,
    CONSTRAINT fk_cycle_goals_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_cycle_goals_episode_id_cycle ON cycle_goals (episode_id, cycle);

CREATE INDEX ix_cycle_goals_mdt_meeting_id ON cycle_goals (mdt_meeting_id);

CREATE INDEX ix_cycle_goals_school_id ON cycle_goals (school_id);

CREATE TABLE situation_analyses (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    ehcp_reviewed boolean NOT NULL,
    ehcp_note character varying(4000),
    background character varying(4000),
    needs character varying(4000),
    strengths character varying(4000),
    challenges character varying(4000),
    met_pupil boolean NOT NULL,
    met_family boolean NOT NULL,
    met_teachers boolean NOT NULL,
    assessment_tools character varying(4000),
    recorded_on date NOT NULL,
    recorded_by uuid NOT NULL,
    CONSTRAINT pk_situation_analyses PRIMARY KEY (id),
    CONSTRAINT fk_situation_analyses_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_situation_analyses_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_situation_analyses_episode_id ON situation_analyses (episode_id);

CREATE INDEX ix_situation_analyses_school_id ON situation_analyses (school_id);

CREATE TABLE termly_reviews (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    term_ends_on date NOT NULL,
    decision character varying(24) NOT NULL,
    change character varying(2000),
    note character varying(2000) NOT NULL,
    recorded_on date NOT NULL,
    recorded_by uuid NOT NULL,
    CONSTRAINT pk_termly_reviews PRIMARY KEY (id),
    CONSTRAINT fk_termly_reviews_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_termly_reviews_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_termly_reviews_episode_id_term_ends_on ON termly_reviews (episode_id, term_ends_on);

CREATE INDEX ix_termly_reviews_school_id ON termly_reviews (school_id);
