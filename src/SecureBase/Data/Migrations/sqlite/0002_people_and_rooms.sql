-- Migration 0002: people and rooms. Pupils, parents and carers and their links, staff with
-- disciplines, registration, responsibilities and working patterns, and the rooms therapy happens in.

CREATE TABLE "carers" (
    "id" TEXT NOT NULL CONSTRAINT "pk_carers" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "external_ref" TEXT NULL,
    "title" TEXT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "email" TEXT NULL,
    "phone" TEXT NULL,
    "address" TEXT NULL,
    "contact_preference" TEXT NOT NULL,
    "preferred_language" TEXT NULL,
    "user_id" TEXT NULL,
    CONSTRAINT "fk_carers_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "staff_members" (
    "id" TEXT NOT NULL CONSTRAINT "pk_staff_members" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "staff_code" TEXT NOT NULL,
    "title" TEXT NULL,
    "first_name" TEXT NOT NULL,
    "last_name" TEXT NOT NULL,
    "email" TEXT NULL,
    "job_title" TEXT NULL,
    "discipline" TEXT NULL,
    "registration_body" TEXT NOT NULL,
    "registration_number" TEXT NULL,
    "registration_renewal" TEXT NULL,
    "caseload_capacity" INTEGER NULL,
    "user_id" TEXT NULL,
    "left_on" TEXT NULL,
    "responsibilities" INTEGER NOT NULL,
    "search_key" TEXT NOT NULL,
    CONSTRAINT "fk_staff_members_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "pupils" (
    "id" TEXT NOT NULL CONSTRAINT "pk_pupils" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "upn" TEXT NOT NULL,
    "legal_first_name" TEXT NOT NULL,
    "legal_last_name" TEXT NOT NULL,
    "preferred_first_name" TEXT NULL,
    "preferred_last_name" TEXT NULL,
    "date_of_birth" TEXT NOT NULL,
    "year_group" INTEGER NOT NULL,
    "tutor_group" TEXT NULL,
    "care_experienced" INTEGER NOT NULL,
    "sen_status" TEXT NOT NULL,
    "pupil_premium" INTEGER NOT NULL,
    "site_id" TEXT NULL,
    "left_on" TEXT NULL,
    "user_id" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "updated_at" TEXT NOT NULL,
    "search_key" TEXT NOT NULL,
    CONSTRAINT "fk_pupils_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_pupils_sites_site_id" FOREIGN KEY ("site_id") REFERENCES "sites" ("id") ON DELETE RESTRICT
);

CREATE TABLE "rooms" (
    "id" TEXT NOT NULL CONSTRAINT "pk_rooms" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "features" TEXT NOT NULL,
    "equipment" TEXT NOT NULL,
    "has_secure_storage" INTEGER NOT NULL,
    CONSTRAINT "fk_rooms_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_rooms_sites_site_id" FOREIGN KEY ("site_id") REFERENCES "sites" ("id") ON DELETE RESTRICT
);

CREATE TABLE "staff_working_blocks" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_staff_working_blocks" PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "site_id" TEXT NOT NULL,
    "staff_member_id" TEXT NOT NULL,
    CONSTRAINT "fk_staff_working_blocks_sites_site_id" FOREIGN KEY ("site_id") REFERENCES "sites" ("id") ON DELETE RESTRICT,
    CONSTRAINT "fk_staff_working_blocks_staff_members_staff_member_id" FOREIGN KEY ("staff_member_id") REFERENCES "staff_members" ("id") ON DELETE CASCADE
);

CREATE TABLE "carer_links" (
    "id" TEXT NOT NULL CONSTRAINT "pk_carer_links" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "pupil_id" TEXT NOT NULL,
    "carer_id" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "parental_responsibility" INTEGER NOT NULL,
    "contact_priority" INTEGER NOT NULL,
    "is_restricted" INTEGER NOT NULL,
    "restriction_reason" TEXT NULL,
    CONSTRAINT "fk_carer_links_carers_carer_id" FOREIGN KEY ("carer_id") REFERENCES "carers" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_carer_links_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_carer_links_carer_id" ON "carer_links" ("carer_id");

CREATE INDEX "ix_carer_links_pupil_id" ON "carer_links" ("pupil_id");

CREATE UNIQUE INDEX "ix_carer_links_school_id_pupil_id_carer_id" ON "carer_links" ("school_id", "pupil_id", "carer_id");

CREATE UNIQUE INDEX "ix_carers_school_id_external_ref" ON "carers" ("school_id", "external_ref");

CREATE INDEX "ix_carers_user_id" ON "carers" ("user_id");

CREATE INDEX "ix_pupils_school_id_legal_last_name_legal_first_name" ON "pupils" ("school_id", "legal_last_name", "legal_first_name");

CREATE UNIQUE INDEX "ix_pupils_school_id_upn" ON "pupils" ("school_id", "upn");

CREATE INDEX "ix_pupils_school_id_year_group" ON "pupils" ("school_id", "year_group");

CREATE INDEX "ix_pupils_site_id" ON "pupils" ("site_id");

CREATE INDEX "ix_pupils_user_id" ON "pupils" ("user_id");

CREATE UNIQUE INDEX "ix_rooms_school_id_name" ON "rooms" ("school_id", "name");

CREATE INDEX "ix_rooms_site_id" ON "rooms" ("site_id");

CREATE UNIQUE INDEX "ix_staff_members_school_id_staff_code" ON "staff_members" ("school_id", "staff_code");

CREATE INDEX "ix_staff_members_user_id" ON "staff_members" ("user_id");

CREATE INDEX "ix_staff_working_blocks_site_id" ON "staff_working_blocks" ("site_id");

CREATE INDEX "ix_staff_working_blocks_staff_member_id" ON "staff_working_blocks" ("staff_member_id");
