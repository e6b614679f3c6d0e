-- Migration 0008: pupils' photos, optional, kept apart from the record so lists never load images.

CREATE TABLE "pupil_photos" (
    "pupil_id" TEXT NOT NULL CONSTRAINT "pk_pupil_photos" PRIMARY KEY,
    "school_id" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "bytes" BLOB NOT NULL,
    "updated_at" TEXT NOT NULL,
    CONSTRAINT "fk_pupil_photos_pupils_pupil_id" FOREIGN KEY ("pupil_id") REFERENCES "pupils" ("id") ON DELETE CASCADE
);
