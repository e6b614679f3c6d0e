-- The school asks a referral's parents for consent; a parent answers from their own page.
ALTER TABLE referrals ADD consent_requested_at timestamp with time zone;
ALTER TABLE referrals ADD consent_answer character varying(10);
ALTER TABLE referrals ADD consent_answered_at timestamp with time zone;
ALTER TABLE referrals ADD consent_answered_by uuid;
