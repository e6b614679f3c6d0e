-- Migration 0004: referrals and the MDT. Referrals from staff, parents, pupils and the local authority
-- with the Head of Therapy's decisions; the half-termly review; the weekly MDT meeting with its agenda and actions.

CREATE TABLE "mdt_meetings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_mdt_meetings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attendees" TEXT NULL,
    "apologies" TEXT NULL,
    "discussion_points" TEXT NULL,
    "decisions" TEXT NULL,
    "prepared_at" TEXT NOT NULL,
    "prepared_by" TEXT NOT NULL,
    "recorded_at" TEXT NULL,
    "recorded_by" TEXT NULL,
    CONSTRAINT "fk_mdt_meetings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "referral_reviews" (
    "id" TEXT NOT NULL CONSTRAINT "pk_referral_reviews" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "attendees" TEXT NOT NULL,
    "notes" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_referral_reviews_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "mdt_actions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_mdt_actions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "owner_user_id" TEXT NOT NULL,
    "owner_name" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "done_at" TEXT NULL,
    CONSTRAINT "fk_mdt_actions_mdt_meetings_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "mdt_meetings" ("id") ON DELETE CASCADE
);

CREATE TABLE "mdt_agenda_items" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_mdt_agenda_items" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" TEXT NULL,
    "pupil_id" TEXT NULL,
    "referral_id" TEXT NULL,
    "position" INTEGER NOT NULL,
    "meeting_id" TEXT NOT NULL,
    CONSTRAINT "fk_mdt_agenda_items_mdt_meetings_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "mdt_meetings" ("id") ON DELETE CASCADE
);

CREATE TABLE "referrals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_referrals" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "referrer_user_id" TEXT NULL,
    "referrer_name" TEXT NOT NULL,
    "requested_discipline" TEXT NULL,
    "reasons" INTEGER NOT NULL,
    "other_reason" TEXT NULL,
    "details" TEXT NOT NULL,
    "what_has_been_tried" TEXT NULL,
    "urgency" TEXT NOT NULL,
    "consent_given" INTEGER NOT NULL,
    "safeguarding_worry" INTEGER NOT NULL,
    "received_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "discipline" TEXT NULL,
    "priority" INTEGER NULL,
    "redirected_to" TEXT NULL,
    "message_to_referrer" TEXT NULL,
    "decision_note" TEXT NULL,
    "decided_by" TEXT NULL,
    "decided_at" TEXT NULL,
    "accepted_at" TEXT NULL,
    "possible_duplicate_of" TEXT NULL,
    "previous_episode_id" TEXT NULL,
    "episode_id" TEXT NULL,
    "submission_key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_referrals_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_referrals_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "referral_review_decisions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_referral_review_decisions" PRIMARY KEY,
    "review_id" TEXT NOT NULL,
    "referral_id" TEXT NOT NULL,
    "priority_before" INTEGER NULL,
    "priority_after" INTEGER NOT NULL,
    "decision" TEXT NULL,
    CONSTRAINT "fk_referral_review_decisions_referral_reviews_review_id" FOREIGN KEY ("review_id") REFERENCES "referral_reviews" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_referral_review_decisions_referrals_referral_id" FOREIGN KEY ("referral_id") REFERENCES "referrals" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_mdt_actions_meeting_id" ON "mdt_actions" ("meeting_id");

CREATE INDEX "ix_mdt_actions_school_id_owner_user_id_done_at" ON "mdt_actions" ("school_id", "owner_user_id", "done_at");

CREATE INDEX "ix_mdt_agenda_items_meeting_id" ON "mdt_agenda_items" ("meeting_id");

CREATE INDEX "ix_mdt_meetings_school_id_held_on" ON "mdt_meetings" ("school_id", "held_on");

CREATE INDEX "ix_referral_review_decisions_referral_id" ON "referral_review_decisions" ("referral_id");

CREATE INDEX "ix_referral_review_decisions_review_id" ON "referral_review_decisions" ("review_id");

CREATE INDEX "ix_referral_reviews_school_id_held_on" ON "referral_reviews" ("school_id", "held_on");

CREATE INDEX "ix_referrals_pupil_id" ON "referrals" ("pupil_id");

CREATE INDEX "ix_referrals_school_id_pupil_id_status" ON "referrals" ("school_id", "pupil_id", "status");

CREATE INDEX "ix_referrals_school_id_referrer_user_id" ON "referrals" ("school_id", "referrer_user_id");

CREATE INDEX "ix_referrals_school_id_status_priority" ON "referrals" ("school_id", "status", "priority");

CREATE UNIQUE INDEX "ix_referrals_school_id_submission_key" ON "referrals" ("school_id", "submission_key");
