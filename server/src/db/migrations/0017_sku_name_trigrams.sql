-- The back office's SKU list finds its keyword anywhere in a name (ILIKE '%keyword%'). A trigram
-- GIN index serves keywords of three characters or more (Chinese ones too: under C.UTF-8 pg_trgm
-- keeps CJK characters as word characters). pg_trgm is a trusted extension: the database's
-- owner may create it. PGlite loads it from @electric-sql/pglite/contrib/pg_trgm (infra/db.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tb_sku_name_trgm_idx" ON "tb_sku" USING gin ("name" gin_trgm_ops);
