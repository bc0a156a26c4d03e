CREATE TABLE "petition_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "update_deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "update_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"update_id" uuid NOT NULL,
	"signature_id" bigint NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "unsubscribed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "comment_hidden_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "petition_updates" ADD CONSTRAINT "petition_updates_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_updates" ADD CONSTRAINT "petition_updates_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_deliveries" ADD CONSTRAINT "update_deliveries_update_id_petition_updates_id_fk" FOREIGN KEY ("update_id") REFERENCES "public"."petition_updates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "update_deliveries" ADD CONSTRAINT "update_deliveries_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "petition_updates_petition_idx" ON "petition_updates" USING btree ("petition_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "update_deliveries_once_uq" ON "update_deliveries" USING btree ("update_id","signature_id");--> statement-breakpoint
CREATE INDEX "signatures_petition_created_idx" ON "signatures" USING btree ("petition_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "signatures_petition_status_created_idx" ON "signatures" USING btree ("petition_id","status","created_at");--> statement-breakpoint
CREATE INDEX "signatures_country_idx" ON "signatures" USING btree ("petition_id","country") WHERE "signatures"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "signatures_source_idx" ON "signatures" USING btree ("petition_id","source") WHERE "signatures"."status" = 'confirmed';--> statement-breakpoint
CREATE INDEX "signatures_name_prefix_idx" ON "signatures" USING btree ("petition_id",lower("name") text_pattern_ops);