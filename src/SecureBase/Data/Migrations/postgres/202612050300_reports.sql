-- Reports (issue 12): reports on an episode, written from the structured record, approved, versioned.

CREATE TABLE reports (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    episode_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    series_id uuid NOT NULL,
    version integer NOT NULL,
    status character varying(16) NOT NULL,
    period_from date NOT NULL,
    period_to date NOT NULL,
    summary character varying(6000) NOT NULL,
    recommendations character varying(3000) NOT NULL,
    audience integer NOT NULL,
    other_professionals character varying(500),
    facts text NOT NULL,
    written_by uuid NOT NULL,
    written_by_name character varying(200) NOT NULL,
    written_at timestamp with time zone NOT NULL,
    approved_by uuid,
    approved_by_name character varying(200),
    approved_at timestamp with time zone,
    CONSTRAINT pk_reports PRIMARY KEY (id),
    CONSTRAINT fk_reports_episodes_episode_id FOREIGN KEY (episode_id) REFERENCES episodes (id) ON DELETE CASCADE,
    CONSTRAINT fk_reports_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_reports_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_reports_episode_id ON reports (episode_id);

CREATE INDEX ix_reports_pupil_id ON reports (pupil_id);

CREATE INDEX ix_reports_school_id ON reports (school_id);

CREATE UNIQUE INDEX ix_reports_series_id_version ON reports (series_id, version);
