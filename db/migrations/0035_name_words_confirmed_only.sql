DROP INDEX "signatures_name_words_idx";--> statement-breakpoint
CREATE INDEX "signatures_name_words_idx" ON "signatures" USING gin ("name_words") WHERE status <> 'pending' and name_words is not null;