-- Fails the statement it is called from (and so undoes all of it) unless `ok`: a checkout's one
-- write statement asserts that it took every cart line and every SKU it decided on.
CREATE FUNCTION meiduo_assert(ok boolean, message text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT ok THEN
    RAISE EXCEPTION USING ERRCODE = 'MD001', MESSAGE = message;
  END IF;
END
$$;
