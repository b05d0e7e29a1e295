-- 立即购买 (issue 21): a checkout may name one SKU and its count instead of the ticked cart lines.
-- meiduo_place_orders (0012) takes two more parallel arrays, direct_skus and direct_counts (NULL
-- for a checkout of the cart). A direct checkout is decided as a cart one is: the look, the SKU
-- locked in id order with the batch's others, the stock taken by the same guarded update, its
-- idempotency key kept; only the cart is neither read for it nor changed by it.
DROP FUNCTION meiduo_place_orders(int[], int[], text[], smallint[], smallint[], numeric);
--> statement-breakpoint
CREATE FUNCTION meiduo_place_orders(buyers int[], address_ids int[], idempotency_keys text[], pay_methods smallint[], statuses smallint[], freight numeric,
  direct_skus int[], direct_counts int[])
RETURNS TABLE (i int, verdict text, order_id text, sku_id int, category_id int)
LANGUAGE plpgsql SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  n int := cardinality(buyers);
  verdicts text[];
  order_ids text[];
  open_buyers int[];
  -- The buyers whose cart was ordered in this batch, and the cart lines ordered (to leave the carts).
  cart_placed int[] := '{}';
  d_users int[] := '{}'; d_skus int[] := '{}';
  cart_users int[]; cart_skus int[]; cart_counts int[];
  keyed_orders text[];
  sku_ids int[]; stocks int[]; prices numeric[]; categories int[]; spu_ids int[];
  taken int[];
  -- The orders placed now, and their lines.
  o_ids text[] := '{}'; o_users int[] := '{}'; o_addresses int[] := '{}'; o_counts int[] := '{}';
  o_amounts numeric[] := '{}'; o_pay_methods smallint[] := '{}'; o_statuses smallint[] := '{}'; o_keys text[] := '{}';
  l_orders text[] := '{}'; l_skus int[] := '{}'; l_counts int[] := '{}'; l_prices numeric[] := '{}'; l_categories int[] := '{}';
  stamp text := to_char(now() AT TIME ZONE 'UTC', 'YYYYMMDDHH24MISS');
  lines int[];
  p int;
  s int;
  short boolean;
  placed_id text;
  total_count int;
  total_amount numeric;
  changed int;
BEGIN
  SELECT array_agg(CASE
           WHEN c.earlier IS NOT NULL THEN 'earlier'
           WHEN NOT c.address_live THEN 'address_invalid'
           WHEN NOT c.has_lines THEN 'cart_empty'
           WHEN c.short THEN 'out_of_stock'
         END ORDER BY c.i),
         array_agg(c.earlier ORDER BY c.i)
    INTO verdicts, order_ids
    FROM (
      SELECT c.i,
        (SELECT o.order_id FROM tb_order_info o WHERE o.user_id = c.buyer AND o.idempotency_key = c.key) AS earlier,
        EXISTS (SELECT 1 FROM tb_address a WHERE a.id = c.address_id AND a.user_id = c.buyer AND NOT a.is_deleted) AS address_live,
        c.direct_sku IS NOT NULL OR EXISTS (SELECT 1 FROM tb_cart l WHERE l.user_id = c.buyer AND l.selected) AS has_lines,
        CASE WHEN c.direct_sku IS NOT NULL
          THEN NOT EXISTS (SELECT 1 FROM tb_sku k WHERE k.id = c.direct_sku AND k.is_launched AND k.stock >= c.direct_count)
          ELSE EXISTS (SELECT 1 FROM tb_cart l LEFT JOIN tb_sku k ON k.id = l.sku_id AND k.is_launched
                       WHERE l.user_id = c.buyer AND l.selected AND coalesce(k.stock, 0) < l.count)
        END AS short
      FROM unnest(buyers, address_ids, idempotency_keys, direct_skus, direct_counts) WITH ORDINALITY AS c(buyer, address_id, key, direct_sku, direct_count, i)
    ) c;

  SELECT array_agg(DISTINCT buyers[k]) INTO open_buyers FROM generate_subscripts(buyers, 1) k WHERE verdicts[k] IS NULL;
  IF open_buyers IS NOT NULL THEN
    SELECT array_agg(l.user_id ORDER BY l.user_id, l.sku_id), array_agg(l.sku_id ORDER BY l.user_id, l.sku_id), array_agg(l.count ORDER BY l.user_id, l.sku_id)
      INTO cart_users, cart_skus, cart_counts
      FROM (SELECT c.user_id, c.sku_id, c.count FROM tb_cart c WHERE c.user_id = ANY(open_buyers) AND c.selected ORDER BY c.user_id, c.sku_id FOR UPDATE) l;
    -- A direct checkout (立即购买) has its one line instead of the cart's, kept beside them under
    -- the user -i, so its SKU is locked with the others and its lines are found as theirs are.
    SELECT coalesce(cart_users, '{}') || coalesce(array_agg(-c.i::int), '{}'), coalesce(cart_skus, '{}') || coalesce(array_agg(c.sku), '{}'),
           coalesce(cart_counts, '{}') || coalesce(array_agg(c.count), '{}')
      INTO cart_users, cart_skus, cart_counts
      FROM unnest(direct_skus, direct_counts, verdicts) WITH ORDINALITY AS c(sku, count, verdict, i)
      WHERE c.sku IS NOT NULL AND c.verdict IS NULL;
    -- After the carts' locks: a retry whose first try was committing since the look finds that order now.
    SELECT array_agg(o.order_id ORDER BY c.i) INTO keyed_orders
      FROM unnest(buyers, idempotency_keys) WITH ORDINALITY AS c(buyer, key, i)
      LEFT JOIN tb_order_info o ON o.user_id = c.buyer AND o.idempotency_key = c.key;
    SELECT array_agg(k.id ORDER BY k.id), array_agg(k.stock ORDER BY k.id), array_agg(k.price ORDER BY k.id),
           array_agg(k.category_id ORDER BY k.id), array_agg(k.goods_id ORDER BY k.id)
      INTO sku_ids, stocks, prices, categories, spu_ids
      FROM (SELECT k.id, k.stock, k.price, k.category_id, k.goods_id FROM tb_sku k WHERE k.id = ANY(cart_skus) AND k.is_launched ORDER BY k.id FOR NO KEY UPDATE) k;
    taken := array_fill(0, ARRAY[coalesce(cardinality(sku_ids), 0)]);

    FOR ck IN 1..n LOOP
      CONTINUE WHEN verdicts[ck] IS NOT NULL;
      -- A key placed before (committed, or earlier in this batch) answers that order.
      placed_id := keyed_orders[ck];
      IF placed_id IS NULL AND idempotency_keys[ck] IS NOT NULL THEN
        placed_id := (SELECT o_ids[k] FROM generate_subscripts(o_ids, 1) k WHERE o_users[k] = buyers[ck] AND o_keys[k] = idempotency_keys[ck]);
      END IF;
      IF placed_id IS NOT NULL THEN
        verdicts[ck] := 'earlier';
        order_ids[ck] := placed_id;
        CONTINUE;
      END IF;
      -- A second checkout of the same cart in this batch finds it empty, as it would after a commit.
      lines := CASE
        WHEN direct_skus[ck] IS NOT NULL THEN array_positions(cart_users, -ck)
        WHEN buyers[ck] = ANY(cart_placed) THEN '{}'
        ELSE coalesce(array_positions(cart_users, buyers[ck]), '{}')
      END;
      IF cardinality(lines) = 0 THEN
        verdicts[ck] := 'cart_empty';
        CONTINUE;
      END IF;
      short := false;
      FOREACH p IN ARRAY lines LOOP
        s := array_position(sku_ids, cart_skus[p]);
        IF s IS NULL OR stocks[s] - taken[s] < cart_counts[p] THEN short := true; EXIT; END IF;
      END LOOP;
      IF short THEN
        verdicts[ck] := 'out_of_stock';
        CONTINUE;
      END IF;
      -- UTC time + the user id in 9 digits (the contract's id) + 4 digits, so that one user's orders in one second differ.
      placed_id := stamp || lpad(buyers[ck]::text, 9, '0') || lpad(nextval('tb_order_id_suffix_seq')::text, 4, '0');
      total_count := 0;
      total_amount := freight;
      FOREACH p IN ARRAY lines LOOP
        s := array_position(sku_ids, cart_skus[p]);
        taken[s] := taken[s] + cart_counts[p];
        total_count := total_count + cart_counts[p];
        total_amount := total_amount + prices[s] * cart_counts[p];
        l_orders := l_orders || placed_id; l_skus := l_skus || cart_skus[p];
        l_counts := l_counts || cart_counts[p]; l_prices := l_prices || prices[s]; l_categories := l_categories || categories[s];
        IF direct_skus[ck] IS NULL THEN d_users := d_users || buyers[ck]; d_skus := d_skus || cart_skus[p]; END IF;
      END LOOP;
      IF direct_skus[ck] IS NULL THEN cart_placed := cart_placed || buyers[ck]; END IF;
      verdicts[ck] := 'placed';
      order_ids[ck] := placed_id;
      o_ids := o_ids || placed_id; o_users := o_users || buyers[ck]; o_addresses := o_addresses || address_ids[ck];
      o_counts := o_counts || total_count; o_amounts := o_amounts || total_amount; o_pay_methods := o_pay_methods || pay_methods[ck];
      o_statuses := o_statuses || statuses[ck]; o_keys := o_keys || idempotency_keys[ck];
    END LOOP;

    IF cardinality(o_ids) > 0 THEN
      INSERT INTO tb_order_info (order_id, user_id, address_id, total_count, total_amount, freight, pay_method, status, idempotency_key)
        SELECT o.id, o.buyer, o.address_id, o.count, o.amount, freight, o.pay_method, o.status, o.key
        FROM unnest(o_ids, o_users, o_addresses, o_counts, o_amounts, o_pay_methods, o_statuses, o_keys)
          AS o(id, buyer, address_id, count, amount, pay_method, status, key);
      INSERT INTO tb_order_goods (order_id, sku_id, count, price) SELECT * FROM unnest(l_orders, l_skus, l_counts, l_prices);
      -- Exactly the cart lines ordered (locked, so as read): a line ticked since the lock stays in
      -- the cart, and a direct checkout leaves the cart alone.
      DELETE FROM tb_cart c USING unnest(d_users, d_skus) AS l(buyer, sku) WHERE c.user_id = l.buyer AND c.sku_id = l.sku;
      UPDATE tb_sku k SET stock = k.stock - t.count, sales = k.sales + t.count
        FROM unnest(sku_ids, taken) AS t(id, count) WHERE k.id = t.id AND t.count > 0 AND k.stock >= t.count;
      GET DIAGNOSTICS changed = ROW_COUNT;
      -- Under the locks nothing can differ from what was decided: if it did, that is a bug, and the batch fails whole.
      IF changed <> (SELECT count(*) FROM unnest(taken) t WHERE t > 0) THEN
        RAISE EXCEPTION 'meiduo_place_orders: stock moved under its locks';
      END IF;
      UPDATE tb_goods g SET sales = g.sales + t.count
        FROM (SELECT t.spu_id, sum(t.count) AS count FROM unnest(spu_ids, taken) AS t(spu_id, count) WHERE t.count > 0 GROUP BY t.spu_id) t
        WHERE g.id = t.spu_id;
    END IF;
  END IF;

  RETURN QUERY
    SELECT c.i::int, c.verdict, c.order_id, l.sku_id, l.category_id
    FROM unnest(verdicts, order_ids) WITH ORDINALITY AS c(verdict, order_id, i)
    LEFT JOIN unnest(l_orders, l_skus, l_categories) AS l(order_id, sku_id, category_id) ON c.verdict = 'placed' AND l.order_id = c.order_id
    ORDER BY c.i;
END
$$;
