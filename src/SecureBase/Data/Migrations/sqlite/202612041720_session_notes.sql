-- Confidential session notes (issue 11): a note per pupil per session, a group note, progress notes on an
-- episode; every version and addendum kept, the text only as AES-GCM ciphertext with the id of the key (kept
-- outside the database) that sealed it; and the school's note settings (team consultation).

CREATE TABLE "session_notes" (
    "id" TEXT NOT NULL CONSTRAINT "pk_session_notes" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "therapy_session_id" TEXT NULL,
    "episode_id" TEXT NULL,
    "pupil_id" TEXT NULL,
    "author_user_id" TEXT NOT NULL,
    "author_staff_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    "signed_at" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "fk_session_notes_episodes_episode_id" FOREIGN KEY ("episode_id") REFERENCES "episodes" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_notes_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_notes_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_session_notes_staff_members_author_staff_id" FOREIGN KEY ("author_staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_session_notes_therapy_sessions_therapy_session_id" FOREIGN KEY ("therapy_session_id") REFERENCES "therapy_sessions" ("id") ON DELETE CASCADE
);

CREATE TABLE "session_note_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_session_note_versions" PRIMARY KEY,
    "note_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "author_user_id" TEXT NOT NULL,
    "author_name" TEXT NOT NULL,
    "written_at" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "ciphertext" BLOB NOT NULL,
    CONSTRAINT "fk_session_note_versions_session_notes_note_id" FOREIGN KEY ("note_id") REFERENCES "session_notes" ("id") ON DELETE CASCADE
);

CREATE TABLE "note_settings" (
    "school_id" TEXT NOT NULL CONSTRAINT "pk_note_settings" PRIMARY KEY,
    "team_consultation" INTEGER NOT NULL,
    "changed_by" TEXT NOT NULL,
    "changed_at" TEXT NOT NULL,
    CONSTRAINT "fk_note_settings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_session_note_versions_key_id" ON "session_note_versions" ("key_id");

CREATE INDEX "ix_session_notes_author_staff_id" ON "session_notes" ("author_staff_id");

CREATE INDEX "ix_session_notes_episode_id" ON "session_notes" ("episode_id");

CREATE INDEX "ix_session_notes_pupil_id" ON "session_notes" ("pupil_id");

CREATE INDEX "ix_session_notes_school_id_author_user_id" ON "session_notes" ("school_id", "author_user_id");

CREATE INDEX "ix_session_notes_therapy_session_id_pupil_id" ON "session_notes" ("therapy_session_id", "pupil_id");

CREATE UNIQUE INDEX "ix_session_note_versions_note_id_number" ON "session_note_versions" ("note_id", "number");
