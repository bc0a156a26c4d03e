-- A closing date is a calendar day, and a petition closes at the end of it in UTC (23:59:59Z).
-- Until now the day's end was computed in the session's time zone (the server's, by default), so
-- a database in Asia/Tehran or America/Toronto holds closing instants a few hours off. Each stored
-- instant was 23:59:59 local time on the day meant, so one second later is that zone's midnight,
-- which lies from 13 hours before to 11 hours after the UTC midnight ending the same day (UTC
-- offsets +13:00, Tonga and New Zealand's summer, to -10:59, Hawaii): adding 13 hours and
-- truncating to the UTC day finds that midnight. Rows already at 23:59:59 UTC stay as they are.
UPDATE "petitions"
SET "closes_at" = date_trunc('day', "closes_at" + interval '13 hours 1 second', 'UTC') - interval '1 second'
WHERE "closes_at" IS NOT NULL
  AND ("closes_at" AT TIME ZONE 'UTC')::time <> time '23:59:59';
