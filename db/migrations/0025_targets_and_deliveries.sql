CREATE TYPE "public"."delivery_kind" AS ENUM('manual', 'test', 'milestone', 'goal', 'closing');--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"kind" "delivery_kind" NOT NULL,
	"trigger" integer,
	"message" text DEFAULT '' NOT NULL,
	"signature_count" integer NOT NULL,
	"country_count" integer NOT NULL,
	"last_signature_id" bigint DEFAULT 0 NOT NULL,
	"fingerprint" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_recipients" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_recipients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" uuid NOT NULL,
	"target_id" uuid,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"language" text NOT NULL,
	"response_token_hash" "bytea",
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	CONSTRAINT "delivery_recipients_responseTokenHash_unique" UNIQUE("response_token_hash")
);
--> statement-breakpoint
CREATE TABLE "petition_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"name" text NOT NULL,
	"role" text DEFAULT '' NOT NULL,
	"email" text,
	"language" text DEFAULT 'en' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_targets_language" CHECK ("petition_targets"."language" in ('en', 'ar', 'fa'))
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_recipients" ADD CONSTRAINT "delivery_recipients_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_recipients" ADD CONSTRAINT "delivery_recipients_target_id_petition_targets_id_fk" FOREIGN KEY ("target_id") REFERENCES "public"."petition_targets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_targets" ADD CONSTRAINT "petition_targets_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_petition_idx" ON "deliveries" USING btree ("petition_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_automatic_once_uq" ON "deliveries" USING btree ("petition_id","kind","trigger") WHERE "deliveries"."kind" in ('milestone', 'goal', 'closing');--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_recipients_once_uq" ON "delivery_recipients" USING btree ("delivery_id","target_id");--> statement-breakpoint
CREATE INDEX "delivery_recipients_target_idx" ON "delivery_recipients" USING btree ("target_id");--> statement-breakpoint
CREATE INDEX "petition_targets_petition_idx" ON "petition_targets" USING btree ("petition_id","position");