import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_audit_log_operation" AS ENUM('create', 'update', 'delete', 'stock');
  CREATE TYPE "public"."enum_audit_log_actor_kind" AS ENUM('user', 'system');
  CREATE TABLE "audit_log" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"target_collection" varchar NOT NULL,
  	"document_id" varchar NOT NULL,
  	"document_title" varchar,
  	"operation" "enum_audit_log_operation" NOT NULL,
  	"actor_kind" "enum_audit_log_actor_kind" NOT NULL,
  	"actor_name" varchar,
  	"actor_user_id" numeric,
  	"actor_email" varchar,
  	"changes" jsonb,
  	"note" varchar,
  	"request_id" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "categories" ADD COLUMN "updated_by_id" integer;
  ALTER TABLE "products" ADD COLUMN "updated_by_id" integer;
  ALTER TABLE "_products_v" ADD COLUMN "version_updated_by_id" integer;
  CREATE INDEX "audit_log_operation_idx" ON "audit_log" USING btree ("operation");
  CREATE INDEX "audit_log_actor_name_idx" ON "audit_log" USING btree ("actor_name");
  CREATE INDEX "audit_log_actor_user_id_idx" ON "audit_log" USING btree ("actor_user_id");
  CREATE INDEX "audit_log_actor_email_idx" ON "audit_log" USING btree ("actor_email");
  CREATE INDEX "audit_log_request_id_idx" ON "audit_log" USING btree ("request_id");
  CREATE INDEX "audit_log_updated_at_idx" ON "audit_log" USING btree ("updated_at");
  CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");
  CREATE INDEX "targetCollection_documentId_createdAt_idx" ON "audit_log" USING btree ("target_collection","document_id","created_at");
  ALTER TABLE "categories" ADD CONSTRAINT "categories_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "products" ADD CONSTRAINT "products_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_products_v" ADD CONSTRAINT "_products_v_version_updated_by_id_users_id_fk" FOREIGN KEY ("version_updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "categories_updated_by_idx" ON "categories" USING btree ("updated_by_id");
  CREATE INDEX "products_updated_by_idx" ON "products" USING btree ("updated_by_id");
  CREATE INDEX "_products_v_version_version_updated_by_idx" ON "_products_v" USING btree ("version_updated_by_id");
  -- Append-only in the database too: no UPDATE, DELETE or TRUNCATE of audit entries, whoever asks. An
  -- operator prunes old entries in a transaction that sets showroom.audit_prune (docs/audit.md).
  CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND current_setting('showroom.audit_prune', true) = 'on' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
      USING ERRCODE = 'insufficient_privilege', HINT = 'To prune old entries, see docs/audit.md (SET LOCAL showroom.audit_prune = on).';
  END $$;
  CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"();
  CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"();`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "audit_log" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "audit_log" CASCADE;
  DROP FUNCTION "audit_log_append_only"();
  ALTER TABLE "categories" DROP CONSTRAINT "categories_updated_by_id_users_id_fk";
  
  ALTER TABLE "products" DROP CONSTRAINT "products_updated_by_id_users_id_fk";
  
  ALTER TABLE "_products_v" DROP CONSTRAINT "_products_v_version_updated_by_id_users_id_fk";
  
  DROP INDEX "categories_updated_by_idx";
  DROP INDEX "products_updated_by_idx";
  DROP INDEX "_products_v_version_version_updated_by_idx";
  ALTER TABLE "categories" DROP COLUMN "updated_by_id";
  ALTER TABLE "products" DROP COLUMN "updated_by_id";
  ALTER TABLE "_products_v" DROP COLUMN "version_updated_by_id";
  DROP TYPE "public"."enum_audit_log_operation";
  DROP TYPE "public"."enum_audit_log_actor_kind";`)
}
