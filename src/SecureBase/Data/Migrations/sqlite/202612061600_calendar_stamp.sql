-- A school's calendar stamp: changed whenever its calendar is saved, so every instance knows when the calendar it
-- kept is old (SchoolCalendar.LoadForReadingAsync). Each existing school starts with a random stamp of its own.
ALTER TABLE "schools" ADD COLUMN "calendar_stamp" INTEGER NOT NULL DEFAULT 0;
UPDATE "schools" SET "calendar_stamp" = random();
