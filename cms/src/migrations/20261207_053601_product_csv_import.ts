import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_product_imports_status" AS ENUM('queued', 'running', 'done', 'failed');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'importProducts';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'importProducts';
  CREATE TABLE "product_imports" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"status" "enum_product_imports_status" DEFAULT 'queued',
  	"total" numeric,
  	"processed" numeric,
  	"created" numeric,
  	"updated" numeric,
  	"failed" numeric,
  	"error_rows" numeric,
  	"message" varchar,
  	"finished_at" timestamp(3) with time zone,
  	"created_by_id" integer,
  	"source" varchar,
  	"errors_csv" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"url" varchar,
  	"thumbnail_u_r_l" varchar,
  	"filename" varchar,
  	"mime_type" varchar,
  	"filesize" numeric,
  	"width" numeric,
  	"height" numeric,
  	"focal_x" numeric,
  	"focal_y" numeric
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "product_imports_id" integer;
  ALTER TABLE "product_imports" ADD CONSTRAINT "product_imports_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "product_imports_status_idx" ON "product_imports" USING btree ("status");
  CREATE INDEX "product_imports_created_by_idx" ON "product_imports" USING btree ("created_by_id");
  CREATE INDEX "product_imports_updated_at_idx" ON "product_imports" USING btree ("updated_at");
  CREATE INDEX "product_imports_created_at_idx" ON "product_imports" USING btree ("created_at");
  CREATE UNIQUE INDEX "product_imports_filename_idx" ON "product_imports" USING btree ("filename");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_product_imports_fk" FOREIGN KEY ("product_imports_id") REFERENCES "public"."product_imports"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_product_imports_id_idx" ON "payload_locked_documents_rels" USING btree ("product_imports_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "product_imports" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "product_imports" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_product_imports_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'deliverWebhooks');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'deliverWebhooks');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "payload_locked_documents_rels_product_imports_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "product_imports_id";
  DROP TYPE "public"."enum_product_imports_status";`)
}
