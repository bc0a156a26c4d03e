CREATE TABLE "login_link_requests" (
	"email" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "login_link_requests_email_idx" ON "login_link_requests" USING btree ("email","requested_at");