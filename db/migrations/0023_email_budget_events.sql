CREATE TABLE "email_budget_events" (
	"network_hash" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "email_budget_events_network_idx" ON "email_budget_events" USING btree ("network_hash","created_at");