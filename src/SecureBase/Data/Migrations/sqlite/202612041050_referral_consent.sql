-- The school asks a referral's parents for consent; a parent answers from their own page.
ALTER TABLE "referrals" ADD COLUMN "consent_requested_at" TEXT NULL;
ALTER TABLE "referrals" ADD COLUMN "consent_answer" TEXT NULL;
ALTER TABLE "referrals" ADD COLUMN "consent_answered_at" TEXT NULL;
ALTER TABLE "referrals" ADD COLUMN "consent_answered_by" TEXT NULL;
