-- Assessments profiles (issue 12, Westbourne): strengths and targets from assessments, each marked with whom it may be
-- shared with (flags: 1 the pupil, 2 parents, 4 staff, 8 other professionals) and shown to each reader only as marked.

CREATE TABLE assessment_items (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    assessment character varying(120) NOT NULL,
    assessed_on date NOT NULL,
    assessed_by character varying(120) NOT NULL,
    statement character varying(300) NOT NULL,
    audience integer NOT NULL,
    written_by uuid NOT NULL,
    written_on date NOT NULL,
    changed_on date,
    CONSTRAINT pk_assessment_items PRIMARY KEY (id),
    CONSTRAINT fk_assessment_items_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_assessment_items_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_assessment_items_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_assessment_items_episode_id ON assessment_items (episode_id);

CREATE INDEX ix_assessment_items_pupil_id ON assessment_items (pupil_id);

CREATE INDEX ix_assessment_items_school_id ON assessment_items (school_id);
