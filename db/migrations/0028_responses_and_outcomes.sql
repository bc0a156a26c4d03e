CREATE TYPE "public"."response_source" AS ENUM('organiser', 'target');--> statement-breakpoint
CREATE TABLE "target_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"target_id" uuid,
	"target_name" text NOT NULL,
	"recipient_id" bigint,
	"source" "response_source" NOT NULL,
	"body" text NOT NULL,
	"responded_on" date NOT NULL,
	"source_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"approved_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"announced_update_id" uuid
);
--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "outcome" text DEFAULT 'open' NOT NULL;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "outcome_note" text;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "outcome_on" date;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "outcome_set_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "demands" ADD COLUMN "outcome_announced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "petition_updates" ADD COLUMN "outside_cap" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "target_responses" ADD CONSTRAINT "target_responses_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_responses" ADD CONSTRAINT "target_responses_target_id_petition_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."petition_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_responses" ADD CONSTRAINT "target_responses_recipient_id_delivery_recipients_id_fk" FOREIGN KEY ("recipient_id") REFERENCES "public"."delivery_recipients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_responses" ADD CONSTRAINT "target_responses_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "target_responses" ADD CONSTRAINT "target_responses_announced_update_id_petition_updates_id_fk" FOREIGN KEY ("announced_update_id") REFERENCES "public"."petition_updates"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_responses_petition_idx" ON "target_responses" USING btree ("petition_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "target_responses_recipient_uq" ON "target_responses" USING btree ("recipient_id") WHERE "target_responses"."recipient_id" is not null;