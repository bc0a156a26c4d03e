-- Each petition's single free-text target becomes its first target, word for word; the language is the
-- petition's own when deliveries can be written in it (en, ar, fa), else English. petitions.target stays
-- as the line shown where one line is wanted (cards, preview images, the widget) and is kept equal to the
-- targets' names by the editor.
INSERT INTO "petition_targets" ("petition_id", "position", "name", "language")
SELECT "id", 0, "target", CASE WHEN "language" IN ('en', 'ar', 'fa') THEN "language" ELSE 'en' END
FROM "petitions"
WHERE "target" <> '';
