-- Email (issue 15): the school's mail relay, each person's choice of emails, and the emails waiting to go
-- (saved with the notification they tell of, sent in the background).

CREATE TABLE "email_choices" (
    "id" TEXT NOT NULL CONSTRAINT "pk_email_choices" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "topics" INTEGER NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_email_choices_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_email_choices_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "mail_relays" (
    "school_id" TEXT NOT NULL CONSTRAINT "pk_mail_relays" PRIMARY KEY,
    "host" TEXT NOT NULL,
    "port" INTEGER NOT NULL,
    "security" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "protected_password" TEXT NULL,
    "from_address" TEXT NOT NULL,
    "site_address" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_mail_relays_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "outgoing_emails" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outgoing_emails" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "claimed_until" TEXT NULL,
    "sent_at" TEXT NULL,
    "gave_up_at" TEXT NULL,
    "last_error" TEXT NULL,
    CONSTRAINT "fk_outgoing_emails_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_outgoing_emails_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_email_choices_school_id_user_id" ON "email_choices" ("school_id", "user_id");

CREATE INDEX "ix_email_choices_user_id" ON "email_choices" ("user_id");

CREATE INDEX "ix_outgoing_emails_school_id_sent_at_next_attempt_at" ON "outgoing_emails" ("school_id", "sent_at", "next_attempt_at");

CREATE INDEX "ix_outgoing_emails_user_id" ON "outgoing_emails" ("user_id");
