-- The breaker's window count is spread over 128 rows, one per database connection (its backend's pid),
-- instead of 16 picked at random: each signature locks its row until it commits, and with 16 rows
-- concurrent signatures queued behind each other's commits (lock waits of ~100 ms each in the load
-- benchmark once the table held earlier petitions' signatures). A connection runs one transaction at
-- a time, so it never waits on its own row; two connections share a row only when their pids do.
-- The body is otherwise 0011's.
CREATE OR REPLACE FUNCTION signature_suspicion(p_petition uuid, p_ip inet, p_ip_hash bytea, p_domain text)
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
  IF p_ip IS NOT NULL AND EXISTS (SELECT 1 FROM blocked_ip_ranges WHERE range >>= p_ip) THEN
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

  IF p_ip_hash IS NOT NULL AND NOT EXISTS (SELECT 1 FROM allowed_ip_ranges WHERE range >>= p_ip) THEN
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

  IF p_domain IS NOT NULL AND NOT EXISTS (SELECT 1 FROM allowed_email_domains WHERE domain = p_domain) THEN
    SELECT * INTO lim FROM abuse_limits WHERE name = 'email_domain';
    IF FOUND THEN
      SELECT count(*) INTO n FROM (
        SELECT 1 FROM signatures
        WHERE petition_id = p_petition AND email_domain = p_domain AND created_at > now() - make_interval(secs => lim.window_seconds)
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
