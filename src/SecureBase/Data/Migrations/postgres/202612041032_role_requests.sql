-- Roles that read confidential data, asked for by an administrator and waiting for approval by the
-- Head of Therapy, the DSL or the headteacher (ADR 7). A pending request gives no access; an
-- approved one becomes a membership.

CREATE TABLE role_requests (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role character varying(32) NOT NULL,
    requested_by uuid NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    CONSTRAINT pk_role_requests PRIMARY KEY (id),
    CONSTRAINT fk_role_requests_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_role_requests_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_role_requests_school_id_status ON role_requests (school_id, status);

CREATE INDEX ix_role_requests_user_id_school_id ON role_requests (user_id, school_id);
