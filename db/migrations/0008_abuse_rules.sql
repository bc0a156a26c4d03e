-- Existing signatures get their email domain, for the per-domain limit and bulk rules.
UPDATE signatures SET email_domain = split_part(canonical_email, '@', 2) WHERE email_domain IS NULL;
--> statement-breakpoint
INSERT INTO abuse_limits (name, max_count, window_seconds) VALUES
  ('ip_burst', 5, 60),
  ('ip_sustained', 20, 3600),
  ('email_domain', 50, 600),
  ('petition_breaker', 60000, 60)
ON CONFLICT (name) DO NOTHING;
--> statement-breakpoint
INSERT INTO allowed_email_domains (domain) VALUES
  ('gmail.com'), ('googlemail.com'), ('outlook.com'), ('hotmail.com'), ('live.com'), ('msn.com'), ('yahoo.com'),
  ('yahoo.co.uk'), ('hotmail.co.uk'), ('icloud.com'), ('me.com'), ('aol.com'), ('proton.me'), ('protonmail.com'),
  ('gmx.de'), ('gmx.net'), ('web.de'), ('orange.fr'), ('free.fr'), ('libero.it'), ('mail.ru'), ('yandex.ru'),
  ('qq.com'), ('163.com')
ON CONFLICT (domain) DO NOTHING;
--> statement-breakpoint
-- Why a new signature should be held back from the count, or NULL. Reads the lists and limits on
-- every call, so an admin's change applies to the next signature on every instance. The per-IP and
-- per-domain counts stop at the limit (bounded work whatever the volume); the petition-wide
-- breaker adds to one of 16 rows of the current window, never one hot row.
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
    VALUES (p_petition, win, floor(random() * 16)::smallint, 1)
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
        LIMIT lim.max_count
      ) recent;
      IF n >= lim.max_count THEN
        RETURN 'email_domain';
      END IF;
    END IF;
  END IF;
  RETURN NULL;
END $$;
