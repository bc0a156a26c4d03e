CREATE TYPE "public"."petition_status" AS ENUM('draft', 'open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."signature_status" AS ENUM('pending', 'confirmed', 'withdrawn', 'invalidated');--> statement-breakpoint
CREATE TABLE "demands" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"petition_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_counters" (
	"petition_id" uuid NOT NULL,
	"shard" smallint NOT NULL,
	"confirmed" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_counters_petition_id_shard_pk" PRIMARY KEY("petition_id","shard")
);
--> statement-breakpoint
CREATE TABLE "petitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"target" text NOT NULL,
	"goal" integer NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"status" "petition_status" DEFAULT 'draft' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "petitions_slug_unique" UNIQUE("slug"),
	CONSTRAINT "petitions_slug_format" CHECK ("petitions"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "petitions_goal_positive" CHECK ("petitions"."goal" > 0)
);
--> statement-breakpoint
CREATE TABLE "signature_tokens" (
	"token_hash" "bytea" PRIMARY KEY NOT NULL,
	"signature_id" bigint NOT NULL,
	"purpose" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "signatures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"petition_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"canonical_email" text NOT NULL,
	"country" char(2) NOT NULL,
	"postcode" text,
	"comment" text,
	"show_name" boolean DEFAULT false NOT NULL,
	"wants_updates" boolean DEFAULT false NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"source" text,
	"status" "signature_status" DEFAULT 'pending' NOT NULL,
	"emails_sent" smallint DEFAULT 1 NOT NULL,
	"last_emailed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"invalidated_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dev_mails" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dev_mails_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"to" text NOT NULL,
	"from" text NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "demands" ADD CONSTRAINT "demands_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "petition_counters" ADD CONSTRAINT "petition_counters_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_tokens" ADD CONSTRAINT "signature_tokens_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demands_petition_idx" ON "demands" USING btree ("petition_id","position");--> statement-breakpoint
CREATE INDEX "petitions_open_idx" ON "petitions" USING btree ("published_at" DESC NULLS LAST) WHERE "petitions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "signature_tokens_signature_idx" ON "signature_tokens" USING btree ("signature_id");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_petition_email_uq" ON "signatures" USING btree ("petition_id","canonical_email");--> statement-breakpoint
CREATE INDEX "signatures_recent_confirmed_idx" ON "signatures" USING btree ("petition_id","confirmed_at" DESC NULLS LAST) WHERE "signatures"."status" = 'confirmed';