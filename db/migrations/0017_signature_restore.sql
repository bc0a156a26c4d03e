ALTER TABLE "signatures" ADD COLUMN "invalidated_from" "signature_status";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "invalidated_by_admin" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "restored_at" timestamp with time zone;