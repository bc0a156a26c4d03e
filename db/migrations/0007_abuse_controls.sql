ALTER TYPE "public"."signature_status" ADD VALUE 'held' BEFORE 'withdrawn';--> statement-breakpoint
CREATE TABLE "abuse_limits" (
	"name" text PRIMARY KEY NOT NULL,
	"max_count" integer NOT NULL,
	"window_seconds" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allowed_email_domains" (
	"domain" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allowed_ip_ranges" (
	"range" "cidr" PRIMARY KEY NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blocked_email_domains" (
	"pattern" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blocked_ip_ranges" (
	"range" "cidr" PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "petition_sign_windows" (
	"petition_id" uuid NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"shard" smallint NOT NULL,
	"signs" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "petition_sign_windows_petition_id_window_start_shard_pk" PRIMARY KEY("petition_id","window_start","shard")
);
--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "email_domain" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "ip_hash" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "ip_network_hash" "bytea";--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "suspected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "suspect_reason" text;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "anonymised_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "petition_sign_windows" ADD CONSTRAINT "petition_sign_windows_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signatures_ip_recent_idx" ON "signatures" USING btree ("petition_id","ip_hash","created_at") WHERE "signatures"."ip_hash" is not null;--> statement-breakpoint
CREATE INDEX "signatures_domain_recent_idx" ON "signatures" USING btree ("petition_id","email_domain","created_at");--> statement-breakpoint
CREATE INDEX "signatures_ip_retention_idx" ON "signatures" USING btree ("created_at") WHERE "signatures"."ip_hash" is not null;