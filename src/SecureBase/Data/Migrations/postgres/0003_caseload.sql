-- Migration 0003: the caseload. Episodes of therapy: one pupil with one practitioner in one
-- discipline, from allocation to discharge (with the reason). An open episode puts the pupil on the caseload.

CREATE TABLE episodes (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    pupil_id uuid NOT NULL,
    staff_id uuid NOT NULL,
    discipline character varying(32) NOT NULL,
    start_date date NOT NULL,
    status character varying(16) NOT NULL,
    end_date date,
    discharge_reason character varying(24),
    discharge_note character varying(1000),
    referral_id uuid,
    CONSTRAINT pk_episodes PRIMARY KEY (id),
    CONSTRAINT fk_episodes_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE,
    CONSTRAINT fk_episodes_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE,
    CONSTRAINT fk_episodes_staff_members_staff_id FOREIGN KEY (staff_id) REFERENCES staff_members (id) ON DELETE RESTRICT
);

CREATE INDEX ix_episodes_pupil_id ON episodes (pupil_id);

CREATE INDEX ix_episodes_referral_id ON episodes (referral_id);

CREATE INDEX ix_episodes_school_id_pupil_id_status ON episodes (school_id, pupil_id, status);

CREATE INDEX ix_episodes_school_id_staff_id_status ON episodes (school_id, staff_id, status);

CREATE INDEX ix_episodes_staff_id ON episodes (staff_id);
