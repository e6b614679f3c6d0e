-- Migration 0006: imports waiting to be confirmed. An administrator checks the files from the school's
-- information system, sees what importing them would do, then confirms; until then (30 minutes at most)
-- the files wait here, tied to that administrator, and are deleted when confirmed, cancelled or expired.

CREATE TABLE pending_imports (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    missing_pupils_have_left boolean NOT NULL,
    pupils_file_name character varying(255),
    pupils_file bytea,
    carers_file_name character varying(255),
    carers_file bytea,
    staff_file_name character varying(255),
    staff_file bytea,
    CONSTRAINT pk_pending_imports PRIMARY KEY (id),
    CONSTRAINT fk_pending_imports_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_pending_imports_expires_at ON pending_imports (expires_at);

CREATE INDEX ix_pending_imports_school_id_user_id ON pending_imports (school_id, user_id);
