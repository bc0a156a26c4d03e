-- Signatures invalidated before invalidated_from existed: what each most likely was, so they can be
-- restored. Never confirmed by email → pending; confirmed and never suspect → confirmed (counted again
-- when restored); confirmed but suspect → held (a signature an admin had released is among these:
-- restoring it holds it for review again rather than count one that was never counted).
-- Who invalidated them is unknown, so only a platform admin may restore them: an organiser must not
-- be able to undo the platform's own moderation.
UPDATE signatures SET invalidated_from = CASE
    WHEN confirmed_at IS NULL THEN 'pending'
    WHEN suspected_at IS NULL THEN 'confirmed'
    ELSE 'held'
  END::signature_status,
  invalidated_by_admin = true
WHERE status = 'invalidated' AND invalidated_from IS NULL;
