-- Migration 0005: the school calendar. Academic years, their six half terms (the three terms are
-- derived from them), closure days in term (INSET days, bank holidays, other closures) and the
-- weekly lesson timetable. Dates are the school's local dates; period times its wall-clock times.

CREATE TABLE academic_years (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    CONSTRAINT pk_academic_years PRIMARY KEY (id),
    CONSTRAINT fk_academic_years_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE half_terms (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    academic_year_id uuid NOT NULL,
    name character varying(16) NOT NULL,
    first_day date NOT NULL,
    last_day date NOT NULL,
    CONSTRAINT pk_half_terms PRIMARY KEY (id),
    CONSTRAINT fk_half_terms_academic_years_academic_year_id FOREIGN KEY (academic_year_id) REFERENCES academic_years (id) ON DELETE CASCADE,
    CONSTRAINT fk_half_terms_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE closure_days (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    academic_year_id uuid NOT NULL,
    date date NOT NULL,
    kind character varying(16) NOT NULL,
    description character varying(100) NOT NULL,
    CONSTRAINT pk_closure_days PRIMARY KEY (id),
    CONSTRAINT fk_closure_days_academic_years_academic_year_id FOREIGN KEY (academic_year_id) REFERENCES academic_years (id) ON DELETE CASCADE,
    CONSTRAINT fk_closure_days_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE TABLE lesson_periods (
    id uuid NOT NULL,
    school_id uuid NOT NULL,
    name character varying(40) NOT NULL,
    day character varying(10),
    starts_at time without time zone NOT NULL,
    ends_at time without time zone NOT NULL,
    is_teaching boolean NOT NULL,
    CONSTRAINT pk_lesson_periods PRIMARY KEY (id),
    CONSTRAINT fk_lesson_periods_schools_school_id FOREIGN KEY (school_id) REFERENCES schools (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX ix_academic_years_school_id_start_date ON academic_years (school_id, start_date);

CREATE UNIQUE INDEX ix_half_terms_academic_year_id_name ON half_terms (academic_year_id, name);

CREATE INDEX ix_half_terms_school_id_first_day ON half_terms (school_id, first_day);

CREATE INDEX ix_closure_days_academic_year_id ON closure_days (academic_year_id);

CREATE UNIQUE INDEX ix_closure_days_school_id_date ON closure_days (school_id, date);

CREATE INDEX ix_lesson_periods_school_id_starts_at ON lesson_periods (school_id, starts_at);
