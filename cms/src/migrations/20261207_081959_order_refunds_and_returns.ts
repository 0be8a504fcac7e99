import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_orders_return_requests_status" AS ENUM('requested', 'accepted', 'rejected');
  ALTER TYPE "public"."enum_orders_payment_status" ADD VALUE 'partially_refunded' BEFORE 'refunded';
  ALTER TYPE "public"."enum_stock_movements_reason" ADD VALUE 'returned' BEFORE 'expired';
  ALTER TYPE "public"."enum_webhook_deliveries_event_type" ADD VALUE 'order.refunded';
  ALTER TYPE "public"."enum_webhook_endpoints_events" ADD VALUE 'order.refunded';
  CREATE TABLE "orders_refunds_lines" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"item" varchar NOT NULL,
  	"sku" varchar NOT NULL,
  	"quantity" numeric NOT NULL,
  	"restock" boolean DEFAULT false
  );
  
  CREATE TABLE "orders_refunds" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"amount" numeric NOT NULL,
  	"at" timestamp(3) with time zone NOT NULL,
  	"by_id" integer,
  	"whole_order" boolean DEFAULT false,
  	"reason" varchar,
  	"reference" varchar,
  	"return_request" varchar,
  	"request_hash" varchar
  );
  
  CREATE TABLE "orders_return_requests_lines" (
  	"_order" integer NOT NULL,
  	"_parent_id" varchar NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"item" varchar NOT NULL,
  	"sku" varchar NOT NULL,
  	"quantity" numeric NOT NULL
  );
  
  CREATE TABLE "orders_return_requests" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"status" "enum_orders_return_requests_status" NOT NULL,
  	"requested_at" timestamp(3) with time zone NOT NULL,
  	"requested_by_id" integer,
  	"reason" varchar NOT NULL,
  	"decided_at" timestamp(3) with time zone,
  	"decided_by_id" integer,
  	"refund" varchar,
  	"decision_note" varchar
  );
  
  ALTER TABLE "orders" ADD COLUMN "refunded_total" numeric DEFAULT 0;
  ALTER TABLE "orders_refunds_lines" ADD CONSTRAINT "orders_refunds_lines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders_refunds"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orders_refunds" ADD CONSTRAINT "orders_refunds_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders_refunds" ADD CONSTRAINT "orders_refunds_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orders_return_requests_lines" ADD CONSTRAINT "orders_return_requests_lines_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders_return_requests"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "orders_return_requests" ADD CONSTRAINT "orders_return_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders_return_requests" ADD CONSTRAINT "orders_return_requests_decided_by_id_users_id_fk" FOREIGN KEY ("decided_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "orders_return_requests" ADD CONSTRAINT "orders_return_requests_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "orders_refunds_lines_order_idx" ON "orders_refunds_lines" USING btree ("_order");
  CREATE INDEX "orders_refunds_lines_parent_id_idx" ON "orders_refunds_lines" USING btree ("_parent_id");
  CREATE INDEX "orders_refunds_order_idx" ON "orders_refunds" USING btree ("_order");
  CREATE INDEX "orders_refunds_parent_id_idx" ON "orders_refunds" USING btree ("_parent_id");
  CREATE INDEX "orders_refunds_by_idx" ON "orders_refunds" USING btree ("by_id");
  CREATE INDEX "orders_return_requests_lines_order_idx" ON "orders_return_requests_lines" USING btree ("_order");
  CREATE INDEX "orders_return_requests_lines_parent_id_idx" ON "orders_return_requests_lines" USING btree ("_parent_id");
  CREATE INDEX "orders_return_requests_order_idx" ON "orders_return_requests" USING btree ("_order");
  CREATE INDEX "orders_return_requests_parent_id_idx" ON "orders_return_requests" USING btree ("_parent_id");
  CREATE INDEX "orders_return_requests_requested_by_idx" ON "orders_return_requests" USING btree ("requested_by_id");
  CREATE INDEX "orders_return_requests_decided_by_idx" ON "orders_return_requests" USING btree ("decided_by_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP TABLE "orders_refunds_lines" CASCADE;
  DROP TABLE "orders_refunds" CASCADE;
  DROP TABLE "orders_return_requests_lines" CASCADE;
  DROP TABLE "orders_return_requests" CASCADE;
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DATA TYPE text;
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DEFAULT 'pending'::text;
  DROP TYPE "public"."enum_orders_payment_status";
  CREATE TYPE "public"."enum_orders_payment_status" AS ENUM('charging', 'pending', 'authorized', 'paid', 'failed', 'refunded');
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DEFAULT 'pending'::"public"."enum_orders_payment_status";
  ALTER TABLE "orders" ALTER COLUMN "payment_status" SET DATA TYPE "public"."enum_orders_payment_status" USING "payment_status"::"public"."enum_orders_payment_status";
  ALTER TABLE "stock_movements" ALTER COLUMN "reason" SET DATA TYPE text;
  DROP TYPE "public"."enum_stock_movements_reason";
  CREATE TYPE "public"."enum_stock_movements_reason" AS ENUM('initial', 'edit', 'checkout', 'payment-failed', 'cancelled', 'refunded', 'expired');
  ALTER TABLE "stock_movements" ALTER COLUMN "reason" SET DATA TYPE "public"."enum_stock_movements_reason" USING "reason"::"public"."enum_stock_movements_reason";
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "event_type" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhook_deliveries_event_type";
  CREATE TYPE "public"."enum_webhook_deliveries_event_type" AS ENUM('product.created', 'product.updated', 'product.deleted', 'category.created', 'category.updated', 'category.deleted', 'media.created', 'media.updated', 'media.deleted', 'inventory.changed', 'price.changed', 'order.created', 'order.status_changed');
  ALTER TABLE "webhook_deliveries" ALTER COLUMN "event_type" SET DATA TYPE "public"."enum_webhook_deliveries_event_type" USING "event_type"::"public"."enum_webhook_deliveries_event_type";
  ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE text;
  DROP TYPE "public"."enum_webhook_endpoints_events";
  CREATE TYPE "public"."enum_webhook_endpoints_events" AS ENUM('product.created', 'product.updated', 'product.deleted', 'category.created', 'category.updated', 'category.deleted', 'media.created', 'media.updated', 'media.deleted', 'inventory.changed', 'price.changed', 'order.created', 'order.status_changed');
  ALTER TABLE "webhook_endpoints_events" ALTER COLUMN "value" SET DATA TYPE "public"."enum_webhook_endpoints_events" USING "value"::"public"."enum_webhook_endpoints_events";
  ALTER TABLE "orders" DROP COLUMN "refunded_total";
  DROP TYPE "public"."enum_orders_return_requests_status";`)
}
