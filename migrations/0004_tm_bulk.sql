-- Bulk TMX import indexes its rows set-based (terms computed in TS and staged) instead of row by row:
-- while a publishing transaction holds a row in tm_bulk, the insert trigger stands aside. The row is
-- added and removed inside that one transaction (a D1 batch), so no other writer ever sees it.
CREATE TABLE tm_bulk (
  import_id TEXT PRIMARY KEY NOT NULL,
  first_id INTEGER NOT NULL
);
--> statement-breakpoint
ALTER TABLE tm_import_rows ADD ar_terms TEXT NOT NULL DEFAULT '[]';
--> statement-breakpoint
ALTER TABLE tm_import_rows ADD en_terms TEXT NOT NULL DEFAULT '[]';
--> statement-breakpoint
ALTER TABLE tm_import_rows ADD ar_len INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
ALTER TABLE tm_import_rows ADD en_len INTEGER NOT NULL DEFAULT 0;
--> statement-breakpoint
DROP TRIGGER segments_tm_insert;
--> statement-breakpoint
CREATE TRIGGER segments_tm_insert AFTER INSERT ON segments WHEN NOT EXISTS (SELECT 1 FROM tm_bulk) BEGIN
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
