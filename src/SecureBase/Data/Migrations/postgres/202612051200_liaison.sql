-- Liaison with families and agencies (issue 13, C13): the contact log, family meetings and their summaries for the family, parents' messages.

CREATE TABLE liaison_contacts (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    occurred_on date NOT NULL,
    party character varying(32) NOT NULL,
    who_name character varying(200) NOT NULL,
    who_role character varying(200),
    organisation character varying(200),
    method character varying(32) NOT NULL,
    summary character varying(4000) NOT NULL,
    follow_up character varying(1000),
    follow_up_by uuid,
    follow_up_by_name character varying(200),
    follow_up_due date,
    follow_up_done_at timestamp with time zone,
    follow_up_done_by_name character varying(200),
    message_id uuid,
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_liaison_contacts PRIMARY KEY (id),
    CONSTRAINT fk_liaison_contacts_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_liaison_contacts_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_liaison_contacts_follow_up_by ON liaison_contacts (follow_up_by);

CREATE INDEX ix_liaison_contacts_pupil_id ON liaison_contacts (pupil_id);

CREATE INDEX ix_liaison_contacts_school_id ON liaison_contacts (school_id);

CREATE TABLE family_meetings (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    held_on date NOT NULL,
    place character varying(200) NOT NULL,
    agenda character varying(2000) NOT NULL,
    family_attendees character varying(1000) NOT NULL,
    staff_attendees character varying(1000),
    other_attendees character varying(1000),
    team_notes character varying(6000),
    recorded_by uuid NOT NULL,
    recorded_by_name character varying(200) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_family_meetings PRIMARY KEY (id),
    CONSTRAINT fk_family_meetings_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_family_meetings_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_family_meetings_pupil_id ON family_meetings (pupil_id);

CREATE INDEX ix_family_meetings_school_id ON family_meetings (school_id);

CREATE TABLE family_summaries (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    meeting_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    version integer NOT NULL,
    status character varying(16) NOT NULL,
    text character varying(4000) NOT NULL,
    written_by uuid NOT NULL,
    written_by_name character varying(200) NOT NULL,
    written_at timestamp with time zone NOT NULL,
    approved_by_name character varying(200),
    approved_at timestamp with time zone,
    CONSTRAINT pk_family_summaries PRIMARY KEY (id),
    CONSTRAINT fk_family_summaries_family_meetings_meeting_id FOREIGN KEY (meeting_id) REFERENCES family_meetings (id) ON DELETE CASCADE,
    CONSTRAINT fk_family_summaries_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_family_summaries_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_family_summaries_meeting_id_version ON family_summaries (meeting_id, version);

CREATE INDEX ix_family_summaries_pupil_id ON family_summaries (pupil_id);

CREATE INDEX ix_family_summaries_school_id ON family_summaries (school_id);

CREATE TABLE family_messages (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    thread_id uuid NOT NULL,
    from_family boolean NOT NULL,
    subject character varying(200) NOT NULL,
    body character varying(4000) NOT NULL,
    author_user_id uuid NOT NULL,
    author_name character varying(200) NOT NULL,
    sent_on date NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_family_messages PRIMARY KEY (id),
    CONSTRAINT fk_family_messages_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_family_messages_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_family_messages_pupil_id ON family_messages (pupil_id);

CREATE INDEX ix_family_messages_school_id ON family_messages (school_id);

CREATE INDEX ix_family_messages_thread_id ON family_messages (thread_id);
