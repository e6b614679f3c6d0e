-- A referral's safeguarding worry is kept apart from the rest of the referral, for the DSL alone;
-- local authority referrals for a UPN the school does not know wait for the office to match them.

ALTER TABLE referrals ADD COLUMN safeguarding_details character varying(4000);

-- Referrals made before: the description of a referral with a safeguarding worry may hold the
-- worry itself, so it moves to the DSL's field; the team sees that it was passed to the DSL.
UPDATE referrals SET safeguarding_details = details, details = '' WHERE safeguarding_worry AND details <> '';

CREATE TABLE unmatched_referrals (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    upn character varying(13) NOT NULL,
    referrer_user_id uuid,
    referrer_name character varying(200) NOT NULL,
    content character varying(16000) NOT NULL,
    submission_key uuid NOT NULL,
    received_at timestamp with time zone NOT NULL,
    resolution character varying(16),
    resolved_at timestamp with time zone,
    resolved_by uuid,
    referral_id uuid,
    CONSTRAINT pk_unmatched_referrals PRIMARY KEY (id),
    CONSTRAINT fk_unmatched_referrals_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_unmatched_referrals_school_id_submission_key ON unmatched_referrals (school_id, submission_key);
CREATE INDEX ix_unmatched_referrals_school_id_referrer_user_id ON unmatched_referrals (school_id, referrer_user_id);
