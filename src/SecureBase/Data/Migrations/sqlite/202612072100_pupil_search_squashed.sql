-- Each pupil's search key squashed (apostrophes, hyphens and spaces left out, as SearchText.Squash does), kept with the
-- record so the directory's search matches against it instead of working it out for every pupil of the school on every
-- search (most of a search's cost to the database at authority scale). Existing pupils are squashed here the same way.
ALTER TABLE "pupils" ADD COLUMN "search_squashed" TEXT NOT NULL DEFAULT '';
UPDATE "pupils" SET "search_squashed" = replace(replace(replace(replace(replace(replace("search_key",
    '''', ''), '-', ''), ' ', ''), char(8208), ''), char(8209), ''), char(8211), '');
