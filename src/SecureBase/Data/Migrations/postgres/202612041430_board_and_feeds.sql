-- Where is my practitioner (issue 10): the status a practitioner sets themself for the rest of the
-- school day, pupils' views about the rooms they have sessions in, and each person's secret
-- calendar feed address (only a hash of the secret is kept).

CREATE TABLE practitioner_statuses (
    staff_id uuid NOT NULL,
    school_id uuid NOT NULL,
    presence character varying(20) NOT NULL,
    back_at time without time zone,
    day date NOT NULL,
    until time without time zone NOT NULL,
    set_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_practitioner_statuses PRIMARY KEY (staff_id),
    CONSTRAINT fk_practitioner_statuses_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_practitioner_statuses_staff_members_staff_id FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE CASCADE
);

CREATE INDEX ix_practitioner_statuses_school_id ON practitioner_statuses (school_id);

CREATE TABLE room_views (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    room_id uuid NOT NULL,
    likes_room character varying(10),
    quiet_enough character varying(10),
    likes_same_place character varying(10),
    better character varying(500),
    given_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_room_views PRIMARY KEY (id),
    CONSTRAINT fk_room_views_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_room_views_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_room_views_rooms_room_id FOREIGN KEY (room_id) REFERENCES rooms (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_room_views_pupil_id_room_id ON room_views (pupil_id, room_id);

CREATE INDEX ix_room_views_room_id ON room_views (room_id);

CREATE INDEX ix_room_views_school_id_room_id ON room_views (school_id, room_id);

CREATE TABLE calendar_feeds (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    kind character varying(20) NOT NULL,
    secret_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_calendar_feeds PRIMARY KEY (id),
    CONSTRAINT fk_calendar_feeds_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_calendar_feeds_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_calendar_feeds_secret_hash ON calendar_feeds (secret_hash);

CREATE INDEX ix_calendar_feeds_school_id_user_id ON calendar_feeds (school_id, user_id);

CREATE INDEX ix_calendar_feeds_user_id ON calendar_feeds (user_id);
