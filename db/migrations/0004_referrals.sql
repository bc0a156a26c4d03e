ALTER TABLE "signatures" ADD COLUMN "referral_code" text DEFAULT substr(md5(random()::text || clock_timestamp()::text), 1, 10) NOT NULL;--> statement-breakpoint
ALTER TABLE "signatures" ADD COLUMN "referred_by" text;--> statement-breakpoint
CREATE INDEX "signatures_referred_by_idx" ON "signatures" USING btree ("petition_id","referred_by") WHERE "signatures"."referred_by" is not null;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_referralCode_unique" UNIQUE("referral_code");