CREATE TABLE "tb_cart" (
	"user_id" integer NOT NULL,
	"sku_id" integer NOT NULL,
	"count" integer NOT NULL,
	"selected" boolean DEFAULT true NOT NULL,
	"update_time" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tb_cart_user_id_sku_id_pk" PRIMARY KEY("user_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "tb_cart" ADD CONSTRAINT "tb_cart_user_id_tb_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."tb_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tb_cart" ADD CONSTRAINT "tb_cart_sku_id_tb_sku_id_fk" FOREIGN KEY ("sku_id") REFERENCES "public"."tb_sku"("id") ON DELETE cascade ON UPDATE no action;