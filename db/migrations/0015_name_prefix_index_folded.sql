DROP INDEX "signatures_name_prefix_idx";--> statement-breakpoint
CREATE INDEX "signatures_name_prefix_idx" ON "signatures" USING btree ("petition_id",fold_name("name") text_pattern_ops);