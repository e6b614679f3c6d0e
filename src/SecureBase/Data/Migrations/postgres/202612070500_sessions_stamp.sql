-- A school's sessions stamp: changed whenever one of its therapy sessions (or a pupil's attendance in one) is saved, so
-- every instance knows when the delivered totals it kept are old (Sessions.DeliveredSessions). Each existing school
-- starts with a random stamp of its own.
ALTER TABLE schools ADD COLUMN sessions_stamp bigint NOT NULL DEFAULT 0;
UPDATE schools SET sessions_stamp = (random() * 9007199254740991)::bigint;
