-- Writes lines into a user's stored cart (carts/service.ts: add, update, merge at login) in one
-- call, holding the cap on lines exactly even when writes race.
--
-- Lines already in the cart change in place (adding: count added up to max_count, a tick kept;
-- otherwise set as given). New lines take the room left under max_lines, in SKU order; the
-- answer is how many did not fit. A count and an insert in one statement would let racing adds
-- each see room for one more; here one buyer's cart writes take turns on an advisory lock, and
-- each statement after it sees every line committed before (a new snapshot per statement).
CREATE FUNCTION meiduo_put_cart_lines(buyer int, line_skus int[], line_counts int[], line_ticks boolean[], adding boolean, max_lines int, max_count int)
RETURNS int
LANGUAGE plpgsql AS $$
DECLARE
  changed int[];
  room int;
  inserted int;
BEGIN
  PERFORM pg_advisory_xact_lock(7351002, buyer);
  WITH u AS (
    UPDATE tb_cart c
      SET count = CASE WHEN adding THEN least(c.count + l.count, max_count) ELSE l.count END,
          selected = CASE WHEN adding THEN c.selected OR l.tick ELSE l.tick END,
          update_time = now()
      FROM unnest(line_skus, line_counts, line_ticks) AS l(sku, count, tick)
      WHERE c.user_id = buyer AND c.sku_id = l.sku
      RETURNING c.sku_id)
  SELECT coalesce(array_agg(u.sku_id), '{}') INTO changed FROM u;
  IF cardinality(changed) = cardinality(line_skus) THEN
    RETURN 0;
  END IF;
  SELECT max_lines - count(*) INTO room FROM tb_cart WHERE user_id = buyer;
  INSERT INTO tb_cart (user_id, sku_id, count, selected)
    SELECT buyer, l.sku, l.count, l.tick
    FROM unnest(line_skus, line_counts, line_ticks) AS l(sku, count, tick)
    WHERE NOT l.sku = ANY(changed)
    ORDER BY l.sku
    LIMIT greatest(room, 0);
  GET DIAGNOSTICS inserted = ROW_COUNT;
  RETURN cardinality(line_skus) - cardinality(changed) - inserted;
END
$$;
