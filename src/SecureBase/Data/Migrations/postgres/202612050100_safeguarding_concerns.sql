-- Safeguarding concerns (issue 13, C11): a concern is saved once (the school's submission key) and never changed;
-- addenda and the DSL's actions are entries; sharing with a named member of staff is recorded with its reason.
-- Referrals made before this keep their safeguarding_details, readable only by the DSL; new referrals store none.

CREATE TABLE safeguarding_concerns (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    raised_by_user_id uuid NOT NULL,
    raised_by_name character varying(200) NOT NULL,
    raised_at timestamp with time zone NOT NULL,
    what_was_seen_or_said character varying(4000) NOT NULL,
    happened_at timestamp with time zone,
    who_was_present character varying(500),
    immediate_action character varying(4000),
    category character varying(40) NOT NULL,
    source character varying(20) NOT NULL,
    source_id uuid,
    submission_key uuid NOT NULL,
    first_opened_at timestamp with time zone,
    outcome character varying(40),
    outcome_note character varying(4000),
    closed_at timestamp with time zone,
    closed_by_name character varying(200),
    CONSTRAINT pk_safeguarding_concerns PRIMARY KEY (id),
    CONSTRAINT fk_safeguarding_concerns_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_concerns_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE safeguarding_concern_entries (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    concern_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    action character varying(40),
    text character varying(4000) NOT NULL,
    owner character varying(200),
    "on" date,
    to_whom character varying(200),
    author_user_id uuid NOT NULL,
    author_name character varying(200) NOT NULL,
    written_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safeguarding_concern_entries PRIMARY KEY (id),
    CONSTRAINT "fk_safeguarding_concern_entries_safeguarding_concerns_concern_~" FOREIGN KEY (concern_id) REFERENCES safeguarding_concerns (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_concern_entries_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE safeguarding_concern_shares (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    concern_id uuid NOT NULL,
    user_id uuid NOT NULL,
    user_name character varying(200) NOT NULL,
    reason character varying(500) NOT NULL,
    shared_by_name character varying(200) NOT NULL,
    shared_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safeguarding_concern_shares PRIMARY KEY (id),
    CONSTRAINT fk_safeguarding_concern_shares_safeguarding_concerns_concern_id FOREIGN KEY (concern_id) REFERENCES safeguarding_concerns (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_concern_shares_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_safeguarding_concern_entries_concern_id ON safeguarding_concern_entries (concern_id);

CREATE INDEX ix_safeguarding_concern_entries_school_id ON safeguarding_concern_entries (school_id);

CREATE UNIQUE INDEX ix_safeguarding_concern_shares_concern_id_user_id ON safeguarding_concern_shares (concern_id, user_id);

CREATE INDEX ix_safeguarding_concern_shares_school_id_user_id ON safeguarding_concern_shares (school_id, user_id);

CREATE INDEX ix_safeguarding_concerns_pupil_id ON safeguarding_concerns (pupil_id);

CREATE INDEX ix_safeguarding_concerns_school_id_pupil_id ON safeguarding_concerns (school_id, pupil_id);

CREATE UNIQUE INDEX ix_safeguarding_concerns_school_id_submission_key ON safeguarding_concerns (school_id, submission_key);
