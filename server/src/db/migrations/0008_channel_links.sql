-- Channels opened the original's channel sites (http://channel.meiduo.site/<slug>/), a host that
-- does not resolve. Point each at our own list page of its first third-level category, as the
-- seed now does; a channel an operator has given another URL is left alone.
UPDATE "tb_goods_channel" AS ch
SET "url" = '/list.html?cat=' || (
  SELECT min(c3."id")
  FROM "tb_goods_category" AS c3
  WHERE c3."parent_id" = (SELECT min(c2."id") FROM "tb_goods_category" AS c2 WHERE c2."parent_id" = ch."category_id")
)
WHERE ch."url" LIKE 'http://channel.meiduo.site/%'
  AND EXISTS (SELECT 1 FROM "tb_goods_category" AS c2 JOIN "tb_goods_category" AS c3 ON c3."parent_id" = c2."id" WHERE c2."parent_id" = ch."category_id");
