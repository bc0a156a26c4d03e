-- The platform-wide email budget: emails per hour per IP network (IPv4 /24, IPv6 /64), across
-- signing, resends and sign-in links; edited with the other limits at /admin/abuse.
INSERT INTO abuse_limits (name, max_count, window_seconds) VALUES ('email_budget', 200, 3600)
ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
-- The budget's log is written with every email and is of use for one window only: unlogged, its
-- rows cost no WAL. A crash (or a failover) empties it, which only restarts the current window.
ALTER TABLE email_budget_events SET UNLOGGED;
--> statement-breakpoint
-- The raw IP address is no longer sent to the database (statement logs could keep it): the app
-- matches it against the blocked and allowed ranges (lib/moderation/ip-lists.ts) and passes the
-- answers. The per-domain limit counts the registrable domain (a1.example.net and a2.example.net are
-- example.net), while the block list still matches the full domain (`*.` wildcards) and the allow
-- list either. Otherwise 0012's body: the breaker's shard per connection, and the counts naming their
-- index's order so a plan cached without statistics still reads that index (0011).
DROP FUNCTION IF EXISTS signature_suspicion(uuid, inet, bytea, text);
--> statement-breakpoint
CREATE FUNCTION signature_suspicion(p_petition uuid, p_ip_hash bytea, p_ip_blocked boolean, p_ip_allowed boolean, p_domain text, p_registrable_domain text)
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
--> statement-breakpoint
-- Whether one more email may go out for this network within the budget, and if so records it (true).
-- NULL (no address, or an allowed shared range) is exempt. Concurrent calls for one network queue on
-- a transaction-scoped advisory lock, so a flood cannot pass the budget together; calls for other
-- networks never wait. The count stops at the limit and names its index's order (see 0011).
CREATE FUNCTION email_budget_take(p_network bytea)
RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  lim abuse_limits%ROWTYPE;
  n integer;
BEGIN
  IF p_network IS NULL THEN
    RETURN true;
  END IF;
  SELECT * INTO lim FROM abuse_limits WHERE name = 'email_budget';
  IF NOT FOUND THEN
    RETURN true;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('email_budget'), ('x' || encode(substr(p_network, 1, 4), 'hex'))::bit(32)::int);
  SELECT count(*) INTO n FROM (
    SELECT 1 FROM email_budget_events
    WHERE network_hash = p_network AND created_at > now() - make_interval(secs => lim.window_seconds)
    ORDER BY network_hash, created_at DESC
    LIMIT lim.max_count
  ) recent;
  IF n >= lim.max_count THEN
    RETURN false;
  END IF;
  INSERT INTO email_budget_events (network_hash) VALUES (p_network);
  RETURN true;
END $$;
