CREATE TABLE "petition_translations" (
	"petition_id" uuid NOT NULL,
	"language" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"target" text NOT NULL,
	"demands" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "petition_translations_petition_id_language_pk" PRIMARY KEY("petition_id","language")
);
--> statement-breakpoint
ALTER TABLE "petition_translations" ADD CONSTRAINT "petition_translations_petition_id_petitions_id_fk" FOREIGN KEY ("petition_id") REFERENCES "public"."petitions"("id") ON DELETE cascade ON UPDATE no action;