-- fold_name(): how names compare when organisers search and bulk rules match, so that Arabic- and
-- Persian-keyboard spellings, vowel marks, digits and case do not matter. lib/text/fold-name.ts has the
-- same fold (its FOLD_MAPPED_FROM, FOLD_MAPPED_TO and FOLD_REMOVED are the three lists below, and it says
-- why each letter is folded); tests/integration/fold-name.test.ts checks that the two agree.
-- IMMUTABLE, for the expression index. It runs in every signature's insert, so the common cases are
-- short: an ASCII name is only lowercased (NFKC and the lists change nothing in ASCII), and a name with
-- none of the listed characters skips translate(), whose cost grows with its list.
-- normalize() and translating Arabic letters need a UTF8 database; on any other encoding the fold is
-- lower() alone, so nothing breaks, but the spellings do not fold.
--
-- This file is the function's current definition, applied after the migrations at every start
-- (db/migrate.ts) and compared with the database by tests/integration/database-functions.test.ts.
-- The expression index signatures_name_prefix_idx is built from it: a change to what it returns
-- needs a migration that rebuilds that index (REINDEX), or searches miss names folded the old way.
DO $$
BEGIN
  IF getdatabaseencoding() = 'UTF8' THEN
    EXECUTE $f$
      CREATE OR REPLACE FUNCTION fold_name(name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN CASE WHEN octet_length(name) = length(name) THEN lower(name) ELSE translate(lower(
        CASE WHEN normalize(name, NFKC) ~ U&'[\00AD\0130\0600-\06FF\200B-\2069\FEFF]' THEN
          translate(
            regexp_replace(normalize(name, NFKC),
              U&'[\0640\064B\064C\064D\064E\064F\0650\0651\0652\0653\0654\0655\0656\0657\0658\0659\065A\065B\065C\065D\065E\065F\0670\0610\0611\0612\0613\0614\0615\0616\0617\0618\0619\061A\06D6\06D7\06D8\06D9\06DA\06DB\06DC\06DF\06E0\06E1\06E2\06E3\06E4\06E7\06E8\06EA\06EB\06EC\06ED\00AD\061C\200B\200C\200D\200E\200F\202A\202B\202C\202D\202E\2060\2061\2062\2063\2064\2066\2067\2068\2069\FEFF]',
              '', 'g'),
            U&'\0649\06CC\06A9\06AA\0623\0625\0622\0671\0672\0673\0629\06C0\0130\0660\0661\0662\0663\0664\0665\0666\0667\0668\0669\06F0\06F1\06F2\06F3\06F4\06F5\06F6\06F7\06F8\06F9',
            U&'\064A\064A\0643\0643\0627\0627\0627\0627\0627\0627\0647\0647i01234567890123456789')
        ELSE normalize(name, NFKC)
        END), U&'\03C2', U&'\03C3') END
    $f$;
  ELSE
    EXECUTE $f$
      CREATE OR REPLACE FUNCTION fold_name(name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN lower(name)
    $f$;
  END IF;
END $$;
