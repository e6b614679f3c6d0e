-- Migration 0007: EHCP provision and in-app notifications.
-- ehcp_plans: one plan per pupil (plan date, last and next annual review, issuing local authority);
-- ehcp_provision_items: the therapy each plan specifies (discipline, sessions per week or per half
-- term, minutes, individual or group, who delivers it); notifications: what each person is told,
-- once per thing (unique dedupe key per school and person), with what the reader must still be
-- allowed to do to see it.

CREATE TABLE ehcp_plans (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    plan_date date NOT NULL,
    last_reviewed_on date,
    next_review_due date NOT NULL,
    local_authority character varying(100) NOT NULL,
    notes character varying(1000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ehcp_plans PRIMARY KEY (id),
    CONSTRAINT fk_ehcp_plans_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_ehcp_plans_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE ehcp_provision_items (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    discipline character varying(32) NOT NULL,
    sessions integer NOT NULL,
    frequency character varying(16) NOT NULL,
    minutes_per_session integer NOT NULL,
    delivery character varying(16) NOT NULL,
    delivered_by character varying(100) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_ehcp_provision_items PRIMARY KEY (id),
    CONSTRAINT fk_ehcp_provision_items_ehcp_plans_plan_id FOREIGN KEY (plan_id) REFERENCES ehcp_plans (id) ON DELETE CASCADE,
    CONSTRAINT fk_ehcp_provision_items_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE notifications (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    body character varying(1000) NOT NULL,
    link character varying(300) NOT NULL,
    dedupe_key character varying(200) NOT NULL,
    required_action character varying(32),
    created_at timestamp with time zone NOT NULL,
    read_at timestamp with time zone,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT fk_notifications_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_notifications_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_ehcp_plans_pupil_id ON ehcp_plans (pupil_id);

CREATE UNIQUE INDEX ix_ehcp_plans_school_id_pupil_id ON ehcp_plans (school_id, pupil_id);

CREATE INDEX ix_ehcp_provision_items_plan_id ON ehcp_provision_items (plan_id);

CREATE INDEX ix_ehcp_provision_items_school_id_discipline ON ehcp_provision_items (school_id, discipline);

CREATE UNIQUE INDEX ix_notifications_school_id_user_id_dedupe_key ON notifications (school_id, user_id, dedupe_key);

CREATE INDEX ix_notifications_school_id_user_id_read_at ON notifications (school_id, user_id, read_at);

CREATE INDEX ix_notifications_user_id ON notifications (user_id);
