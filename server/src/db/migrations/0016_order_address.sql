ALTER TABLE "tb_order_info" ADD COLUMN "address" jsonb;--> statement-breakpoint
-- The address of an order as it is at insert time, with its area names: every path that places
-- an order (the checkout function, the demo data, tests) gets it, and nothing later changes it.
CREATE FUNCTION tb_order_address_snapshot(address_id int) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'title', a.title, 'receiver', a.receiver,
    'province', p.name, 'city', c.name, 'district', d.name,
    'place', a.place, 'mobile', a.mobile, 'tel', coalesce(a.tel, ''), 'email', coalesce(a.email, ''))
  FROM tb_address a
  JOIN tb_areas p ON p.id = a.province_id
  JOIN tb_areas c ON c.id = a.city_id
  JOIN tb_areas d ON d.id = a.district_id
  WHERE a.id = address_id
$$;
--> statement-breakpoint
CREATE FUNCTION tb_order_address_fill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.address IS NULL THEN
    NEW.address := tb_order_address_snapshot(NEW.address_id);
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER tb_order_address_fill BEFORE INSERT ON tb_order_info FOR EACH ROW EXECUTE FUNCTION tb_order_address_fill();
--> statement-breakpoint
-- Orders placed before this migration: the address book as it is now is the best there is.
UPDATE tb_order_info SET address = tb_order_address_snapshot(address_id) WHERE address IS NULL;
