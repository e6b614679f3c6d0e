-- Whether a session had more than one pupil, kept on the session (TherapySession.IsGroup) instead of counted from its
-- members on every read: the EHCP list's delivered totals counted the members of each of a school's sessions per request.
ALTER TABLE therapy_sessions ADD COLUMN is_group boolean NOT NULL DEFAULT false;
UPDATE therapy_sessions AS t SET is_group = (SELECT count(*) FROM session_members AS m WHERE m.therapy_session_id = t.id) > 1;
