ALTER TABLE "petition_sign_windows" DROP CONSTRAINT "petition_sign_windows_petition_id_petitions_id_fk";
