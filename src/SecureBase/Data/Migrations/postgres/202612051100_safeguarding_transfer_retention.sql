-- Safeguarding, what was still missing (issue 13, C11):
-- * each DSL's own unread state (a concern stays unread for a DSL until they open it);
-- * child protection files sent to another school of this installation, with when sent and received;
-- * the school's "was not brought" threshold, kept by the DSL;
-- * concerns and what was added to them are never deleted: the database itself refuses.

CREATE TABLE safeguarding_concern_reads (
    concern_id uuid NOT NULL,
    user_id uuid NOT NULL,
    school_id uuid NOT NULL,
    read_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_safeguarding_concern_reads PRIMARY KEY (concern_id, user_id),
    CONSTRAINT fk_safeguarding_concern_reads_safeguarding_concerns_concern_id FOREIGN KEY (concern_id) REFERENCES safeguarding_concerns (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_concern_reads_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE INDEX ix_safeguarding_concern_reads_school_id_user_id ON safeguarding_concern_reads (school_id, user_id);

-- Concerns a DSL had already opened before each DSL kept their own count stay read for the school's DSLs of today.
INSERT INTO safeguarding_concern_reads (concern_id, user_id, school_id, read_at)
SELECT DISTINCT c.id, m.user_id, c.school_id, c.first_opened_at
FROM safeguarding_concerns c JOIN memberships m ON m.school_id = c.school_id AND m.role = 'Dsl'
WHERE c.first_opened_at IS NOT NULL;

CREATE TABLE safeguarding_cp_transfers (
    id uuid NOT NULL,
    from_school_id uuid NOT NULL,
    from_school_name character varying(200) NOT NULL,
    to_school_id uuid NOT NULL,
    to_school_name character varying(200) NOT NULL,
    pupil_id uuid NOT NULL,
    pupil_name character varying(200) NOT NULL,
    pupil_date_of_birth date NOT NULL,
    to_dsl_user_id uuid NOT NULL,
    to_dsl_name character varying(200) NOT NULL,
    sent_by_user_id uuid NOT NULL,
    sent_by_name character varying(200) NOT NULL,
    sent_at timestamp with time zone NOT NULL,
    moved_on date NOT NULL,
    confirm_by date NOT NULL,
    concern_count integer NOT NULL,
    file_json text NOT NULL,
    confirmed_at timestamp with time zone,
    confirmed_by_user_id uuid,
    confirmed_by_name character varying(200),
    CONSTRAINT pk_safeguarding_cp_transfers PRIMARY KEY (id),
    CONSTRAINT fk_safeguarding_cp_transfers_pupils_pupil_id FOREIGN KEY (pupil_id) REFERENCES pupils (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_cp_transfers_schools_from_school_id FOREIGN KEY (from_school_id) REFERENCES schools (id) ON DELETE RESTRICT,
    CONSTRAINT fk_safeguarding_cp_transfers_schools_to_school_id FOREIGN KEY (to_school_id) REFERENCES schools (id) ON DELETE RESTRICT
);

CREATE INDEX ix_safeguarding_cp_transfers_from_school_id_pupil_id ON safeguarding_cp_transfers (from_school_id, pupil_id);

CREATE INDEX ix_safeguarding_cp_transfers_to_school_id ON safeguarding_cp_transfers (to_school_id);

CREATE INDEX ix_safeguarding_cp_transfers_pupil_id ON safeguarding_cp_transfers (pupil_id);

CREATE TABLE safeguarding_settings (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    was_not_brought_weeks integer NOT NULL,
    changed_at timestamp with time zone NOT NULL,
    changed_by_name character varying(200) NOT NULL,
    CONSTRAINT pk_safeguarding_settings PRIMARY KEY (id),
    CONSTRAINT fk_safeguarding_settings_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_safeguarding_settings_school_id ON safeguarding_settings (school_id);

-- Child protection records are never deleted (nor truncated): they are kept until their retention review.
CREATE FUNCTION safeguarding_records_never_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'Child protection records are never deleted: they are kept until their retention review';
END;
$$;

CREATE TRIGGER safeguarding_concerns_never_deleted BEFORE DELETE ON safeguarding_concerns
    FOR EACH ROW EXECUTE FUNCTION safeguarding_records_never_deleted();

CREATE TRIGGER safeguarding_concerns_never_truncated BEFORE TRUNCATE ON safeguarding_concerns
    FOR EACH STATEMENT EXECUTE FUNCTION safeguarding_records_never_deleted();

CREATE TRIGGER safeguarding_concern_entries_never_deleted BEFORE DELETE ON safeguarding_concern_entries
    FOR EACH ROW EXECUTE FUNCTION safeguarding_records_never_deleted();

CREATE TRIGGER safeguarding_concern_entries_never_truncated BEFORE TRUNCATE ON safeguarding_concern_entries
    FOR EACH STATEMENT EXECUTE FUNCTION safeguarding_records_never_deleted();

CREATE TRIGGER safeguarding_cp_transfers_never_deleted BEFORE DELETE ON safeguarding_cp_transfers
    FOR EACH ROW EXECUTE FUNCTION safeguarding_records_never_deleted();
