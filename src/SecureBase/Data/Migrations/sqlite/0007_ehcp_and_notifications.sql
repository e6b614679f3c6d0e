-- Migration 0007: EHCP provision and in-app notifications.
-- ehcp_plans: one plan per pupil (plan date, last and next annual review, issuing local authority);
-- ehcp_provision_items: the therapy each plan specifies (discipline, sessions per week or per half
-- term, minutes, individual or group, who delivers it); notifications: what each person is told,
-- once per thing (unique dedupe key per school and person), with what the reader must still be
-- allowed to do to see it.

CREATE TABLE "ehcp_plans" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ehcp_plans" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "plan_date" TEXT NOT NULL,
    "last_reviewed_on" TEXT NULL,
    "next_review_due" TEXT NOT NULL,
    "local_authority" TEXT NOT NULL,
    "notes" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_ehcp_plans_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_ehcp_plans_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "ehcp_provision_items" (
    "id" TEXT NOT NULL CONSTRAINT "pk_ehcp_provision_items" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "plan_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL,
    "frequency" TEXT NOT NULL,
    "minutes_per_session" INTEGER NOT NULL,
    "delivery" TEXT NOT NULL,
    "delivered_by" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_ehcp_provision_items_ehcp_plans_plan_id" FOREIGN KEY ("plan_id") REFERENCES "ehcp_plans" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_ehcp_provision_items_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "notifications" (
    "id" TEXT NOT NULL CONSTRAINT "pk_notifications" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "link" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "required_action" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "read_at" TEXT NULL,
    CONSTRAINT "fk_notifications_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_notifications_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_ehcp_plans_pupil_id" ON "ehcp_plans" ("pupil_id");

CREATE UNIQUE INDEX "ix_ehcp_plans_school_id_pupil_id" ON "ehcp_plans" ("school_id", "pupil_id");

CREATE INDEX "ix_ehcp_provision_items_plan_id" ON "ehcp_provision_items" ("plan_id");

CREATE INDEX "ix_ehcp_provision_items_school_id_discipline" ON "ehcp_provision_items" ("school_id", "discipline");

CREATE UNIQUE INDEX "ix_notifications_school_id_user_id_dedupe_key" ON "notifications" ("school_id", "user_id", "dedupe_key");

CREATE INDEX "ix_notifications_school_id_user_id_read_at" ON "notifications" ("school_id", "user_id", "read_at");

CREATE INDEX "ix_notifications_user_id" ON "notifications" ("user_id");
