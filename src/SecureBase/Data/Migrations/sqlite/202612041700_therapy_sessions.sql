-- Therapy sessions as held: each week's occurrence or a drop-in/crisis session, with each pupil's
-- attendance, engagement and minutes; and when a pupil was shown the confidentiality statement.

ALTER TABLE "episodes" ADD COLUMN "confidentiality_explained_on" TEXT NULL;
ALTER TABLE "episodes" ADD COLUMN "confidentiality_response" TEXT NULL;

CREATE TABLE "therapy_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_therapy_sessions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "discipline" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "occurrence_id" TEXT NULL,
    "date" TEXT NOT NULL,
    "start" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "room_id" TEXT NULL,
    "displacement_id" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    "stamp" TEXT NOT NULL,
    CONSTRAINT "fk_therapy_sessions_displacements_displacement_id" FOREIGN KEY ("displacement_id") REFERENCES "displacements" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_therapy_sessions_rooms_room_id" FOREIGN KEY ("room_id") REFERENCES "rooms" ("id") ON DELETE SET NULL,
    CONSTRAINT "fk_therapy_sessions_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_therapy_sessions_session_occurrences_occurrence_id" FOREIGN KEY ("occurrence_id") REFERENCES "session_occurrences" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_therapy_sessions_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE TABLE "session_members" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_session_members" PRIMARY KEY AUTOINCREMENT,
    "pupil_id" TEXT NOT NULL,
    "episode_id" TEXT NOT NULL,
    "attendance" TEXT NOT NULL,
    "engagement" INTEGER NULL,
    "minutes" INTEGER NOT NULL,
    "therapy_session_id" TEXT NOT NULL,
    CONSTRAINT "fk_session_members_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_members_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_members_therapy_sessions_therapy_session_id" FOREIGN KEY ("therapy_session_id") REFERENCES "therapy_sessions" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_session_members_episode_id" ON "session_members" ("episode_id");

CREATE INDEX "ix_session_members_pupil_id" ON "session_members" ("pupil_id");

CREATE UNIQUE INDEX "ix_session_members_therapy_session_id_pupil_id" ON "session_members" ("therapy_session_id", "pupil_id");

CREATE INDEX "ix_therapy_sessions_displacement_id" ON "therapy_sessions" ("displacement_id");

CREATE UNIQUE INDEX "ix_therapy_sessions_occurrence_id" ON "therapy_sessions" ("occurrence_id");

CREATE INDEX "ix_therapy_sessions_room_id" ON "therapy_sessions" ("room_id");

CREATE INDEX "ix_therapy_sessions_school_id_staff_id_date" ON "therapy_sessions" ("school_id", "staff_id", "date");

CREATE INDEX "ix_therapy_sessions_staff_id" ON "therapy_sessions" ("staff_id");
