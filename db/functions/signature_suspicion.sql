-- signature_suspicion(): why a new signature should be held back from the count, or NULL. Called
-- inside the signing statement (lib/signatures), it reads the lists and limits on every call, so an
-- admin's change at /admin/abuse applies to the next signature on every instance. A limit without a
-- row in abuse_limits does not apply (the rows' default values: db/abuse-limit-defaults.ts).
--
-- This file is the function's current definition: db/migrate.ts applies it after the migrations at
-- every start (CREATE OR REPLACE, so applying it again changes nothing), and
-- tests/integration/database-functions.test.ts fails if the database's function differs from it.
-- Change the body here, not in a migration. A change of its parameters needs a migration that drops
-- the old signature (CREATE OR REPLACE would add an overload beside it).
--
-- The raw IP address never reaches the database (statement logs could keep it): the app matches it
-- against the blocked and allowed ranges (lib/moderation/ip-lists.ts) and passes the answers and a
-- keyed hash. The block list matches the full email domain (`*.` wildcards), the per-domain limit
-- counts the registrable domain (a1.example.net and a2.example.net are example.net), the allow list
-- either. The petition-wide breaker is counted in 128 rows per window, one per connection
-- (pg_backend_pid), never one hot row. The per-IP and per-domain counts stop at the limit (bounded
-- work whatever the volume) and name their index's order, so a plan cached without statistics still
-- reads that index.
CREATE OR REPLACE FUNCTION signature_suspicion(p_petition uuid, p_ip_hash bytea, p_ip_blocked boolean, p_ip_allowed boolean, p_domain text, p_registrable_domain text)
RETURNS text LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  lim abuse_limits%ROWTYPE;
  n integer;
  win timestamptz;
BEGIN
  IF p_domain IS NOT NULL AND EXISTS (
    SELECT 1 FROM blocked_email_domains b
    WHERE p_domain = b.pattern
       OR (b.pattern LIKE '*.%' AND p_domain LIKE '%' || replace(substr(b.pattern, 2), '_', '\_'))
  ) THEN
    RETURN 'blocked_domain';
  END IF;
  IF p_ip_blocked THEN
    RETURN 'blocked_ip';
  END IF;

  SELECT * INTO lim FROM abuse_limits WHERE name = 'petition_breaker';
  IF FOUND THEN
    win := to_timestamp(floor(extract(epoch FROM now()) / lim.window_seconds) * lim.window_seconds);
    INSERT INTO petition_sign_windows (petition_id, window_start, shard, signs)
    VALUES (p_petition, win, (pg_backend_pid() % 128)::smallint, 1)
    ON CONFLICT (petition_id, window_start, shard) DO UPDATE SET signs = petition_sign_windows.signs + 1;
    SELECT coalesce(sum(signs), 0) INTO n FROM petition_sign_windows WHERE petition_id = p_petition AND window_start = win;
    IF n > lim.max_count THEN
      RETURN 'petition_breaker';
    END IF;
  END IF;

  IF p_ip_hash IS NOT NULL AND NOT coalesce(p_ip_allowed, false) THEN
    FOR lim IN SELECT * FROM abuse_limits WHERE name IN ('ip_burst', 'ip_sustained') ORDER BY window_seconds LOOP
      SELECT count(*) INTO n FROM (
        SELECT 1 FROM signatures
        WHERE petition_id = p_petition AND ip_hash = p_ip_hash AND created_at > now() - make_interval(secs => lim.window_seconds)
        ORDER BY petition_id, ip_hash, created_at DESC
        LIMIT lim.max_count
      ) recent;
      IF n >= lim.max_count THEN
        RETURN lim.name;
      END IF;
    END LOOP;
  END IF;

  IF p_registrable_domain IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM allowed_email_domains WHERE domain IN (p_domain, p_registrable_domain)
  ) THEN
    SELECT * INTO lim FROM abuse_limits WHERE name = 'email_domain';
    IF FOUND THEN
      SELECT count(*) INTO n FROM (
        SELECT 1 FROM signatures
        WHERE petition_id = p_petition AND email_domain = p_registrable_domain AND created_at > now() - make_interval(secs => lim.window_seconds)
        ORDER BY petition_id, email_domain, created_at DESC
        LIMIT lim.max_count
      ) recent;
      IF n >= lim.max_count THEN
        RETURN 'email_domain';
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;
