-- Migration 0008: pupils' photos, optional, kept apart from the record so lists never load images.

CREATE TABLE pupil_photos (
    pupil_id uuid NOT NULL,
    school_id uuid NOT NULL,
    content_type character varying(20) NOT NULL,
    bytes bytea NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_pupil_photos PRIMARY KEY (pupil_id),
    CONSTRAINT fk_pupil_photos_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE CASCADE
);
