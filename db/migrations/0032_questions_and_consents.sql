ALTER TABLE "petitions" ADD COLUMN "questions" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "data_controller" jsonb;--> statement-breakpoint
ALTER TABLE "petitions" ADD COLUMN "partner_opt_in" jsonb;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "answers" jsonb;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "consents" jsonb;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_answers_size" CHECK (octet_length("signatures"."answers"::text) <= 16384);--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_consents_size" CHECK (octet_length("signatures"."consents"::text) <= 8192);