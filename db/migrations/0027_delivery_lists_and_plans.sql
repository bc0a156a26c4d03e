CREATE TABLE "delivery_plans" (
	"petition_id" uuid PRIMARY KEY NOT NULL,
	"at_count" integer,
	"at_goal" boolean DEFAULT false NOT NULL,
	"on_close" boolean DEFAULT false NOT NULL,
	"message" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delivery_signatures" (
	"delivery_id" uuid NOT NULL,
	"signature_id" bigint NOT NULL,
	"confirmed_at" timestamp with time zone NOT NULL,
	"country" char(2) NOT NULL,
	CONSTRAINT "delivery_signatures_delivery_id_signature_id_pk" PRIMARY KEY("delivery_id","signature_id")
);
--> statement-breakpoint
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_plans" ADD CONSTRAINT "delivery_plans_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_signatures" ADD CONSTRAINT "delivery_signatures_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;