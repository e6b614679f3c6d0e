-- Where is my practitioner (issue 10): the status a practitioner sets themself for the rest of the
-- school day, pupils' views about the rooms they have sessions in, and each person's secret
-- calendar feed address (only a hash of the secret is kept).

CREATE TABLE "practitioner_statuses" (
    "staff_id" TEXT NOT NULL CONSTRAINT "pk_practitioner_statuses" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "presence" TEXT NOT NULL,
    "back_at" TEXT NULL,
    "day" TEXT NOT NULL,
    "until" TEXT NOT NULL,
    "set_at" TEXT NOT NULL,
    CONSTRAINT "fk_practitioner_statuses_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_practitioner_statuses_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_practitioner_statuses_school_id" ON "practitioner_statuses" ("school_id");

CREATE TABLE "room_views" (
    "id" TEXT NOT NULL CONSTRAINT "pk_room_views" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "likes_room" TEXT NULL,
    "quiet_enough" TEXT NULL,
    "likes_same_place" TEXT NULL,
    "better" TEXT NULL,
    "given_at" TEXT NOT NULL,
    CONSTRAINT "fk_room_views_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_room_views_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_room_views_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_room_views_pupil_id_room_id" ON "room_views" ("pupil_id", "room_id");

CREATE INDEX "ix_room_views_room_id" ON "room_views" ("room_id");

CREATE INDEX "ix_room_views_school_id_room_id" ON "room_views" ("school_id", "room_id");

CREATE TABLE "calendar_feeds" (
    "id" TEXT NOT NULL CONSTRAINT "pk_calendar_feeds" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "secret_hash" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    CONSTRAINT "fk_calendar_feeds_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_calendar_feeds_users_user_id" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_calendar_feeds_secret_hash" ON "calendar_feeds" ("secret_hash");

CREATE INDEX "ix_calendar_feeds_school_id_user_id" ON "calendar_feeds" ("school_id", "user_id");

CREATE INDEX "ix_calendar_feeds_user_id" ON "calendar_feeds" ("user_id");
