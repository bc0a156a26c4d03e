-- email_budget_take(): whether one more email may go out for this IP network (a keyed hash of the
-- IPv4 /24 or IPv6 /64) within the budget (the `email_budget` row of abuse_limits), and if so records
-- it (true). NULL (no address, or an allowed shared range) is exempt, and so is everything when the
-- row is missing. Concurrent calls for one network queue on a transaction-scoped advisory lock, so a
-- flood cannot pass the budget together; calls for other networks never wait. The count stops at the
-- limit and names its index's order (a plan cached without statistics still reads the index).
--
-- This file is the function's current definition, applied after the migrations at every start
-- (db/migrate.ts) and compared with the database by tests/integration/database-functions.test.ts.
CREATE OR REPLACE FUNCTION email_budget_take(p_network bytea)
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
