-- Staff development (issue 13): CPD records with an optional certificate, training the therapy team delivers to school
-- staff with attendance, and the lone-worker risk assessment's versions and acknowledgements.

CREATE TABLE "cpd_records" (
    "id" TEXT NOT NULL CONSTRAINT "pk_cpd_records" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "took_on" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "provider" TEXT NULL,
    "reflection" TEXT NULL,
    "evidence_name" TEXT NULL,
    "evidence_type" TEXT NULL,
    "evidence" BLOB NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_cpd_records_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_cpd_records_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE TABLE "staff_trainings" (
    "id" TEXT NOT NULL CONSTRAINT "pk_staff_trainings" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "delivered_on" TEXT NOT NULL,
    "hours" TEXT NOT NULL,
    "delivered_by" TEXT NOT NULL,
    "recorded_at" TEXT NOT NULL,
    CONSTRAINT "fk_staff_trainings_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_staff_trainings_staff_members_delivered_by" FOREIGN KEY ("delivered_by") REFERENCES "staff_members" ("id") ON DELETE RESTRICT
);

CREATE TABLE "staff_training_attendees" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_staff_training_attendees" PRIMARY KEY AUTOINCREMENT,
    "staff_id" TEXT NOT NULL,
    "attended" INTEGER NOT NULL,
    "training_id" TEXT NOT NULL,
    CONSTRAINT "fk_staff_training_attendees_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_staff_training_attendees_staff_trainings_training_id" FOREIGN KEY ("training_id") REFERENCES "staff_trainings" ("id") ON DELETE CASCADE
);

CREATE TABLE "lone_working_versions" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lone_working_versions" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "published_on" TEXT NOT NULL,
    "published_by" TEXT NOT NULL,
    "published_at" TEXT NOT NULL,
    CONSTRAINT "fk_lone_working_versions_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "lone_working_acknowledgements" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lone_working_acknowledgements" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "staff_id" TEXT NOT NULL,
    "acknowledged_at" TEXT NOT NULL,
    CONSTRAINT "fk_lone_working_acknowledgements_lone_working_versions_version_id" FOREIGN KEY ("version_id") REFERENCES "lone_working_versions" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_lone_working_acknowledgements_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_lone_working_acknowledgements_staff_members_staff_id" FOREIGN KEY ("staff_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_cpd_records_school_id" ON "cpd_records" ("school_id");

CREATE INDEX "ix_cpd_records_staff_id" ON "cpd_records" ("staff_id");

CREATE INDEX "ix_staff_trainings_delivered_by" ON "staff_trainings" ("delivered_by");

CREATE INDEX "ix_staff_trainings_school_id_delivered_on" ON "staff_trainings" ("school_id", "delivered_on");

CREATE INDEX "ix_staff_training_attendees_staff_id" ON "staff_training_attendees" ("staff_id");

CREATE INDEX "ix_staff_training_attendees_training_id" ON "staff_training_attendees" ("training_id");

CREATE UNIQUE INDEX "ix_lone_working_versions_school_id_version" ON "lone_working_versions" ("school_id", "version");

CREATE INDEX "ix_lone_working_acknowledgements_school_id" ON "lone_working_acknowledgements" ("school_id");

CREATE INDEX "ix_lone_working_acknowledgements_staff_id" ON "lone_working_acknowledgements" ("staff_id");

CREATE UNIQUE INDEX "ix_lone_working_acknowledgements_version_id_staff_id" ON "lone_working_acknowledgements" ("version_id", "staff_id");
