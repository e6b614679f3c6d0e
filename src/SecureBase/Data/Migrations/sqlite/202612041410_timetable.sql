-- The weekly timetable: sessions to place, accepted timetable versions and their placements,
-- each week's dated occurrence (moved or cancelled on its own), and displacements when a room is taken.

CREATE TABLE "weekly_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_weekly_sessions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "required_features" TEXT NOT NULL,
    "ended_on" TEXT NULL,
    CONSTRAINT "fk_weekly_sessions_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_weekly_sessions_sites_site_id" FOREIGN KEY ("site_id") REFERENCES "sites" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_weekly_sessions_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE TABLE "weekly_session_pupils" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_weekly_session_pupils" PRIMARY KEY AUTOINCREMENT,
    "pupil_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "weekly_session_id" TEXT NOT NULL,
    CONSTRAINT "fk_weekly_session_pupils_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_weekly_session_pupils_weekly_sessions_weekly_session_id" FOREIGN KEY ("weekly_session_id") REFERENCES "weekly_sessions" ("id") ON DELETE CASCADE
);

CREATE TABLE "timetable_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_timetable_versions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "effective_from" TEXT NOT NULL,
    "accepted_by" TEXT NULL,
    "accepted_at" TEXT NOT NULL,
    CONSTRAINT "fk_timetable_versions_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "placements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_placements" PRIMARY KEY,
    "version_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "period_id" TEXT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    CONSTRAINT "fk_placements_lesson_periods_period_id" FOREIGN KEY ("period_id") REFERENCES "lesson_periods" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_placements_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_placements_timetable_versions_version_id" FOREIGN KEY ("version_id") REFERENCES "timetable_versions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_placements_weekly_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "weekly_sessions" ("id") ON DELETE CASCADE
);

CREATE TABLE "session_occurrences" (
    "id" TEXT NOT NULL CONSTRAINT "pk_session_occurrences" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "session_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "original_date" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "is_exception" INTEGER NOT NULL,
    "cancel_reason" TEXT NULL,
    "stamp" TEXT NOT NULL,
    CONSTRAINT "fk_session_occurrences_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_session_occurrences_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_occurrences_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_session_occurrences_timetable_versions_version_id" FOREIGN KEY ("version_id") REFERENCES "timetable_versions" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_session_occurrences_weekly_sessions_session_id" FOREIGN KEY ("session_id") REFERENCES "weekly_sessions" ("id") ON DELETE CASCADE
);

CREATE TABLE "displacements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_displacements" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "occurrence_id" TEXT NOT NULL,
    "room_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "cause" TEXT NOT NULL,
    "notice_hours" INTEGER NOT NULL,
    "booked_by" TEXT NOT NULL,
    "booking_id" TEXT NULL,
    "outcome" TEXT NOT NULL,
    "moved_to_room" TEXT NULL,
    "moved_to_date" TEXT NULL,
    "moved_to_starts_at" TEXT NULL,
    "recorded_at" TEXT NOT NULL,
    "resolved_at" TEXT NULL,
    CONSTRAINT "fk_displacements_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_displacements_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_displacements_session_occurrences_occurrence_id" FOREIGN KEY ("occurrence_id") REFERENCES "session_occurrences" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_displacements_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE INDEX "ix_weekly_sessions_school_id_staff_id" ON "weekly_sessions" ("school_id", "staff_id");

CREATE INDEX "ix_weekly_sessions_site_id" ON "weekly_sessions" ("site_id");

CREATE INDEX "ix_weekly_sessions_staff_id" ON "weekly_sessions" ("staff_id");

CREATE INDEX "ix_weekly_session_pupils_pupil_id" ON "weekly_session_pupils" ("pupil_id");

CREATE UNIQUE INDEX "ix_weekly_session_pupils_weekly_session_id_pupil_id" ON "weekly_session_pupils" ("weekly_session_id", "pupil_id");

CREATE UNIQUE INDEX "ix_timetable_versions_school_id_number" ON "timetable_versions" ("school_id", "number");

CREATE INDEX "ix_placements_period_id" ON "placements" ("period_id");

CREATE INDEX "ix_placements_room_id" ON "placements" ("room_id");

CREATE INDEX "ix_placements_session_id" ON "placements" ("session_id");

CREATE UNIQUE INDEX "ix_placements_version_id_session_id" ON "placements" ("version_id", "session_id");

CREATE INDEX "ix_session_occurrences_room_id_date" ON "session_occurrences" ("room_id", "date");

CREATE INDEX "ix_session_occurrences_school_id_date" ON "session_occurrences" ("school_id", "date");

CREATE UNIQUE INDEX "ix_session_occurrences_session_id_original_date" ON "session_occurrences" ("session_id", "original_date");

CREATE INDEX "ix_session_occurrences_staff_id_date" ON "session_occurrences" ("staff_id", "date");

CREATE INDEX "ix_session_occurrences_version_id" ON "session_occurrences" ("version_id");

CREATE INDEX "ix_displacements_occurrence_id" ON "displacements" ("occurrence_id");

CREATE INDEX "ix_displacements_room_id" ON "displacements" ("room_id");

CREATE INDEX "ix_displacements_school_id_date" ON "displacements" ("school_id", "date");

CREATE INDEX "ix_displacements_staff_id" ON "displacements" ("staff_id");
