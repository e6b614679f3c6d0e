-- A referral's safeguarding worry is kept apart from the rest of the referral, for the DSL alone;
-- local authority referrals for a UPN the school does not know wait for the office to match them.

ALTER TABLE "referrals" ADD COLUMN "safeguarding_details" TEXT NULL;

-- Referrals made before: the description of a referral with a safeguarding worry may hold the
-- worry itself, so it moves to the DSL's field; the team sees that it was passed to the DSL.
UPDATE "referrals" SET "safeguarding_details" = "details", "details" = '' WHERE "safeguarding_worry" = 1 AND "details" <> '';

CREATE TABLE "unmatched_referrals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_unmatched_referrals" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "referrer_user_id" TEXT NULL,
    "referrer_name" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "submission_key" TEXT NOT NULL,
    "received_at" TEXT NOT NULL,
    "resolution" TEXT NULL,
    "resolved_at" TEXT NULL,
    "resolved_by" TEXT NULL,
    "referral_id" TEXT NULL,
    CONSTRAINT "fk_unmatched_referrals_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_unmatched_referrals_school_id_submission_key" ON "unmatched_referrals" ("school_id", "submission_key");
CREATE INDEX "ix_unmatched_referrals_school_id_referrer_user_id" ON "unmatched_referrals" ("school_id", "referrer_user_id");
