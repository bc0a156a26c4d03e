CREATE TABLE "petition_keys" (
	"petition_id" uuid PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"wrapped_key" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"rewrapped_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "signatures_name_prefix_idx";--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "name" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ALTER COLUMN "email" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "sealed_name" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "sealed_email" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "sealed_postcode" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "sealed_comment" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "name_words" text[];--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "email_host" text;--> statement-breakpoint
ALTER TABLE "petition_keys" ADD CONSTRAINT "petition_keys_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatures_name_words_idx" ON "signatures" USING gin ("name_words");