-- delete_petition_signatures(): a petition deleted (by hand: the app closes and hides petitions, it
-- never deletes one) takes its signatures with it, as the foreign key's ON DELETE CASCADE did before
-- signatures.petition_id stopped being one (db/schema/signatures.ts says why: the key's check locked
-- the petition's row for every signature). Their links (signature_tokens) follow through their
-- foreign key to signatures; an email still in the outbox finds no signature and is skipped. Its
-- circuit-breaker windows (petition_sign_windows, no foreign key either since 0037) go too.
--
-- This file is the function's current definition, applied after the migrations at every start
-- (db/migrate.ts) and compared with the database by tests/integration/database-functions.test.ts.
CREATE OR REPLACE FUNCTION delete_petition_signatures()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM signatures WHERE petition_id = OLD.id;
  DELETE FROM petition_sign_windows WHERE petition_id = OLD.id;
  RETURN OLD;
END $$;

CREATE OR REPLACE TRIGGER petitions_delete_signatures
  BEFORE DELETE ON petitions
  FOR EACH ROW EXECUTE FUNCTION delete_petition_signatures();
