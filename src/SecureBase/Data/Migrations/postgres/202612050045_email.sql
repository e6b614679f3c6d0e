-- Email (issue 15): the school's mail relay, each person's choice of emails, and the emails waiting to go
-- (saved with the notification they tell of, sent in the background).

CREATE TABLE email_choices (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    address character varying(254) NOT NULL,
    topics integer NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_email_choices PRIMARY KEY (id),
    CONSTRAINT fk_email_choices_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_email_choices_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE TABLE mail_relays (
    school_id uuid NOT NULL,
    host character varying(255) NOT NULL,
    port integer NOT NULL,
    security character varying(20) NOT NULL,
    user_name character varying(200),
    protected_password character varying(2000),
    from_address character varying(254) NOT NULL,
    site_address character varying(200) NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_mail_relays PRIMARY KEY (school_id),
    CONSTRAINT fk_mail_relays_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE outgoing_emails (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    "to" character varying(254) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    claimed_until timestamp with time zone,
    sent_at timestamp with time zone,
    gave_up_at timestamp with time zone,
    last_error character varying(500),
    CONSTRAINT pk_outgoing_emails PRIMARY KEY (id),
    CONSTRAINT fk_outgoing_emails_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_outgoing_emails_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_email_choices_school_id_user_id ON email_choices (school_id, user_id);

CREATE INDEX ix_email_choices_user_id ON email_choices (user_id);

CREATE INDEX ix_outgoing_emails_school_id_sent_at_next_attempt_at ON outgoing_emails (school_id, sent_at, next_attempt_at);

CREATE INDEX ix_outgoing_emails_user_id ON outgoing_emails (user_id);
