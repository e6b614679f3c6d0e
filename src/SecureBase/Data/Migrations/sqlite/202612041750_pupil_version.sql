-- A pupil's record carries a version that goes up with every change, so a change made on an older
-- version (two people, or the information system's import and a person) is refused, never silently overwritten.

ALTER TABLE "pupils" ADD COLUMN "version" INTEGER NOT NULL DEFAULT 0;
