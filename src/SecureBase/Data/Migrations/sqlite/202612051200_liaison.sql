-- Liaison with families and agencies (issue 13, C13): the contact log, family meetings and their summaries for the family, parents' messages.

CREATE TABLE "liaison_contacts" (
    "id" TEXT NOT NULL CONSTRAINT "pk_liaison_contacts" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "occurred_on" TEXT NOT NULL,
    "party" TEXT NOT NULL,
    "who_name" TEXT NOT NULL,
    "who_role" TEXT NULL,
    "organisation" TEXT NULL,
    "method" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "follow_up" TEXT NULL,
    "follow_up_by" TEXT NULL,
    "follow_up_by_name" TEXT NULL,
    "follow_up_due" TEXT NULL,
    "follow_up_done_at" TEXT NULL,
    "follow_up_done_by_name" TEXT NULL,
    "message_id" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_by_name" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_liaison_contacts_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_liaison_contacts_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_liaison_contacts_follow_up_by" ON "liaison_contacts" ("follow_up_by");

CREATE INDEX "ix_liaison_contacts_pupil_id" ON "liaison_contacts" ("pupil_id");

CREATE INDEX "ix_liaison_contacts_school_id" ON "liaison_contacts" ("school_id");

CREATE TABLE "family_meetings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_family_meetings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "agenda" TEXT NOT NULL,
    "family_attendees" TEXT NOT NULL,
    "staff_attendees" TEXT NULL,
    "other_attendees" TEXT NULL,
    "team_notes" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_by_name" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_family_meetings_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_family_meetings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_family_meetings_pupil_id" ON "family_meetings" ("pupil_id");

CREATE INDEX "ix_family_meetings_school_id" ON "family_meetings" ("school_id");

CREATE TABLE "family_summaries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_family_summaries" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "meeting_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "written_by" TEXT NOT NULL,
    "written_by_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    "approved_by_name" TEXT NULL,
    "approved_at" TEXT NULL,
    CONSTRAINT "fk_family_summaries_family_meetings_meeting_id" FOREIGN KEY ("meeting_id") REFERENCES "family_meetings" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_family_summaries_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_family_summaries_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_family_summaries_meeting_id_version" ON "family_summaries" ("meeting_id", "version");

CREATE INDEX "ix_family_summaries_pupil_id" ON "family_summaries" ("pupil_id");

CREATE INDEX "ix_family_summaries_school_id" ON "family_summaries" ("school_id");

CREATE TABLE "family_messages" (
    "id" TEXT NOT NULL CONSTRAINT "pk_family_messages" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "thread_id" TEXT NOT NULL,
    "from_family" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "author_user_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "sent_on" TEXT NOT NULL,
    "sent_at" TEXT NOT NULL,
    CONSTRAINT "fk_family_messages_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_family_messages_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_family_messages_pupil_id" ON "family_messages" ("pupil_id");

CREATE INDEX "ix_family_messages_school_id" ON "family_messages" ("school_id");

CREATE INDEX "ix_family_messages_thread_id" ON "family_messages" ("thread_id");
