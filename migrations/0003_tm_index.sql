-- Translation-memory index (docs/tm.md). Ordinary tables, not FTS5, so that `wrangler d1 export` works.
-- Terms are the cores of the normalised text's space-separated chunks: trim(chunk, <punctuation>) as in
-- src/text/fuzzy.ts (TM_PUNCT, TM_NUMBER_CHARS must stay equal to the literals below). Triggers keep the
-- postings current for every writer that maintains ar_norm / en_norm, whatever code path it takes.
-- WARNING: a migration that rebuilds `segments` (CREATE __new_segments / DROP / RENAME) drops these triggers:
-- re-create them in that migration (copy this file's CREATE TRIGGER statements); test/tm/index.test.ts fails otherwise.
CREATE TABLE tm_tokens (
  id INTEGER PRIMARY KEY,
  lang TEXT NOT NULL,
  token TEXT NOT NULL,
  -- Number of segments whose text in `lang` has the term: orders query terms rarest first.
  df INTEGER NOT NULL DEFAULT 0
);
--> statement-breakpoint
CREATE UNIQUE INDEX tm_tokens_lang_token ON tm_tokens (lang, token);
--> statement-breakpoint
-- One row per (term, segment). len = the segment's word count in that language (the length filter);
-- paired = the segment has both Arabic and English (only those are fuzzy-match candidates).
CREATE TABLE tm_postings (
  token_id INTEGER NOT NULL,
  segment_id INTEGER NOT NULL,
  len INTEGER NOT NULL,
  paired INTEGER NOT NULL,
  PRIMARY KEY (token_id, segment_id)
) WITHOUT ROWID;
--> statement-breakpoint
-- Best memory matches recorded per segment by pre-translation (copies: they survive edits of the source).
CREATE TABLE segment_matches (
  segment_id INTEGER NOT NULL REFERENCES segments (id) ON DELETE CASCADE,
  rank INTEGER NOT NULL,
  source_segment_id INTEGER NOT NULL,
  score INTEGER NOT NULL,
  ar TEXT NOT NULL,
  en TEXT NOT NULL,
  origin TEXT NOT NULL,
  PRIMARY KEY (segment_id, rank)
) WITHOUT ROWID;
--> statement-breakpoint
-- Staging rows of a TMX import in progress, published in one statement (src/db/tm.ts).
CREATE TABLE tm_import_rows (
  import_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ar TEXT NOT NULL,
  en TEXT NOT NULL,
  ar_norm TEXT NOT NULL,
  en_norm TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  PRIMARY KEY (import_id, seq)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO tm_tokens (lang, token, df)
  SELECT 'ar', term, count(*) FROM (SELECT DISTINCT s.id, trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM segments AS s, json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) AS j WHERE trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') GROUP BY term;
--> statement-breakpoint
INSERT INTO tm_postings (token_id, segment_id, len, paired)
  SELECT k.id, x.id, x.len, x.paired FROM (SELECT DISTINCT s.id, trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> '') AS len, s.en_norm IS NOT NULL AS paired
    FROM segments AS s, json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) AS j WHERE trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS x
  JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = x.term;
--> statement-breakpoint
INSERT INTO tm_tokens (lang, token, df)
  SELECT 'en', term, count(*) FROM (SELECT DISTINCT s.id, trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM segments AS s, json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) AS j WHERE trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') GROUP BY term;
--> statement-breakpoint
INSERT INTO tm_postings (token_id, segment_id, len, paired)
  SELECT k.id, x.id, x.len, x.paired FROM (SELECT DISTINCT s.id, trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> '') AS len, 1 AS paired
    FROM segments AS s, json_each(CASE WHEN json_valid('["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(s.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) AS j WHERE trim(j.value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS x
  JOIN tm_tokens AS k ON k.lang = 'en' AND k.token = x.term;
--> statement-breakpoint
CREATE TRIGGER segments_tm_insert AFTER INSERT ON segments BEGIN
  INSERT INTO tm_tokens (lang, token, df)
    SELECT 'ar', term, 1 FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') WHERE true
    ON CONFLICT (lang, token) DO UPDATE SET df = df + 1;
  INSERT INTO tm_postings (token_id, segment_id, len, paired)
    SELECT k.id, new.id, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> ''), new.en_norm IS NOT NULL
    FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = t.term;
  INSERT INTO tm_tokens (lang, token, df)
    SELECT 'en', term, 1 FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') WHERE true
    ON CONFLICT (lang, token) DO UPDATE SET df = df + 1;
  INSERT INTO tm_postings (token_id, segment_id, len, paired)
    SELECT k.id, new.id, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> ''), 1
    FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'en' AND k.token = t.term;
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_delete AFTER DELETE ON segments BEGIN
  DELETE FROM tm_postings WHERE segment_id = old.id AND token_id IN
    (SELECT k.id FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = t.term);
  UPDATE tm_tokens SET df = df - 1 WHERE lang = 'ar' AND token IN (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '');
  DELETE FROM tm_postings WHERE segment_id = old.id AND token_id IN
    (SELECT k.id FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'en' AND k.token = t.term);
  UPDATE tm_tokens SET df = df - 1 WHERE lang = 'en' AND token IN (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '');
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_ar_update AFTER UPDATE OF ar_norm ON segments WHEN old.ar_norm IS NOT new.ar_norm BEGIN
  DELETE FROM tm_postings WHERE segment_id = old.id AND token_id IN
    (SELECT k.id FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = t.term);
  UPDATE tm_tokens SET df = df - 1 WHERE lang = 'ar' AND token IN (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '');
  INSERT INTO tm_tokens (lang, token, df)
    SELECT 'ar', term, 1 FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') WHERE true
    ON CONFLICT (lang, token) DO UPDATE SET df = df + 1;
  INSERT INTO tm_postings (token_id, segment_id, len, paired)
    SELECT k.id, new.id, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> ''), new.en_norm IS NOT NULL
    FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = t.term;
END;
--> statement-breakpoint
CREATE TRIGGER segments_tm_en_update AFTER UPDATE OF en_norm ON segments WHEN old.en_norm IS NOT new.en_norm BEGIN
  DELETE FROM tm_postings WHERE segment_id = old.id AND token_id IN
    (SELECT k.id FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'en' AND k.token = t.term);
  UPDATE tm_tokens SET df = df - 1 WHERE lang = 'en' AND token IN (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(old.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '');
  INSERT INTO tm_tokens (lang, token, df)
    SELECT 'en', term, 1 FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') WHERE true
    ON CONFLICT (lang, token) DO UPDATE SET df = df + 1;
  INSERT INTO tm_postings (token_id, segment_id, len, paired)
    SELECT k.id, new.id, (SELECT count(*) FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿'), '0123456789.,:/-') <> ''), 1
    FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.en_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'en' AND k.token = t.term;
  UPDATE tm_postings SET paired = (new.en_norm IS NOT NULL)
    WHERE (old.en_norm IS NULL) <> (new.en_norm IS NULL) AND segment_id = new.id AND token_id IN
    (SELECT k.id FROM (SELECT DISTINCT trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') AS term FROM json_each(CASE WHEN json_valid('["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]') THEN '["' || replace(replace(replace(new.ar_norm, '\', '\\'), '"', '\"'), ' ', '","') || '"]' ELSE '[]' END) WHERE trim(value, '!"#$%&''()*+,-./:;<=>?@[\]^_`{|}~•·§¶¡¿') <> '') AS t JOIN tm_tokens AS k ON k.lang = 'ar' AND k.token = t.term);
END;
