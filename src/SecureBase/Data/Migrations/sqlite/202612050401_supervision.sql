-- Staff development and supervision (issue 13): supervision sessions with their supervisees, each practitioner's
-- required frequency where the Head of Therapy changed the default, and requests for individual supervision.

CREATE TABLE "supervision_requests" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_requests" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "message" TEXT NULL,
    "asked_at" TEXT NOT NULL,
    "answer" TEXT NULL,
    "answered_at" TEXT NULL,
    "answered_by" TEXT NULL,
    CONSTRAINT "fk_supervision_requests_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_supervision_requests_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE TABLE "supervision_requirements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_requirements" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "required_type" TEXT NULL,
    CONSTRAINT "fk_supervision_requirements_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_supervision_requirements_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE TABLE "supervision_sessions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_supervision_sessions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "held_on" TEXT NOT NULL,
    "supervisor_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "notes" TEXT NULL,
    "recorded_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_supervision_sessions_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_supervision_sessions_staff_members_supervisor_id" FOREIGN KEY ("supervisor_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_supervisees" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_supervision_supervisees" PRIMARY KEY AUTOINCREMENT,
    "staff_id" TEXT NOT NULL,
    "supervision_id" TEXT NOT NULL,
    CONSTRAINT "fk_supervision_supervisees_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_supervision_supervisees_supervision_sessions_supervision_id" FOREIGN KEY ("supervision_id") REFERENCES "supervision_sessions" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_supervision_requests_school_id" ON "supervision_requests" ("school_id");

CREATE INDEX "ix_supervision_requests_staff_id" ON "supervision_requests" ("staff_id");

CREATE INDEX "ix_supervision_requirements_school_id" ON "supervision_requirements" ("school_id");

CREATE UNIQUE INDEX "ix_supervision_requirements_staff_id" ON "supervision_requirements" ("staff_id");

CREATE INDEX "ix_supervision_sessions_school_id_held_on" ON "supervision_sessions" ("school_id", "held_on");

CREATE INDEX "ix_supervision_sessions_supervisor_id" ON "supervision_sessions" ("supervisor_id");

CREATE INDEX "ix_supervision_supervisees_staff_id" ON "supervision_supervisees" ("staff_id");

CREATE INDEX "ix_supervision_supervisees_supervision_id" ON "supervision_supervisees" ("supervision_id");
