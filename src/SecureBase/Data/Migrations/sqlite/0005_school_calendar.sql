-- Migration 0005: the school calendar. Academic years, their six half terms (the three terms are
-- derived from them), closure days in term (INSET days, bank holidays, other closures) and the
-- weekly lesson timetable. Dates are the school's local dates; period times its wall-clock times.

CREATE TABLE "academic_years" (
    "id" TEXT NOT NULL CONSTRAINT "pk_academic_years" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    CONSTRAINT "fk_academic_years_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "half_terms" (
    "id" TEXT NOT NULL CONSTRAINT "pk_half_terms" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "academic_year_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "first_day" TEXT NOT NULL,
    "last_day" TEXT NOT NULL,
    CONSTRAINT "fk_half_terms_academic_years_academic_year_id" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_half_terms_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "closure_days" (
    "id" TEXT NOT NULL CONSTRAINT "pk_closure_days" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "academic_year_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    CONSTRAINT "fk_closure_days_academic_years_academic_year_id" FOREIGN KEY ("academic_year_id") REFERENCES "academic_years" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_closure_days_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE TABLE "lesson_periods" (
    "id" TEXT NOT NULL CONSTRAINT "pk_lesson_periods" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "day" TEXT NULL,
    "starts_at" TEXT NOT NULL,
    "ends_at" TEXT NOT NULL,
    "is_teaching" INTEGER NOT NULL,
    CONSTRAINT "fk_lesson_periods_schools_school_id" FOREIGN KEY ("school_id") REFERENCES "schools" ("id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "ix_academic_years_school_id_start_date" ON "academic_years" ("school_id", "start_date");

CREATE UNIQUE INDEX "ix_half_terms_academic_year_id_name" ON "half_terms" ("academic_year_id", "name");

CREATE INDEX "ix_half_terms_school_id_first_day" ON "half_terms" ("school_id", "first_day");

CREATE INDEX "ix_closure_days_academic_year_id" ON "closure_days" ("academic_year_id");

CREATE UNIQUE INDEX "ix_closure_days_school_id_date" ON "closure_days" ("school_id", "date");

CREATE INDEX "ix_lesson_periods_school_id_starts_at" ON "lesson_periods" ("school_id", "starts_at");
