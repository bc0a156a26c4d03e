ALTER TABLE "signatures" DROP CONSTRAINT "signatures_petition_id_petitions_id_fk";
