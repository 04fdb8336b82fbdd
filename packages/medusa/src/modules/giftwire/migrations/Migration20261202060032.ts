import { Migration } from '@medusajs/framework/mikro-orm/migrations';

export class Migration20261202060032 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "giftwire_codes_link" drop constraint if exists "giftwire_codes_link_order_id_unique";`,
    );
    this.addSql(
      `create table if not exists "giftwire_codes_link" ("id" text not null, "order_id" text not null, "version" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "giftwire_codes_link_pkey" primary key ("id"));`,
    );
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_giftwire_codes_link_order_id_unique" ON "giftwire_codes_link" ("order_id") WHERE deleted_at IS NULL;`,
    );
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_giftwire_codes_link_deleted_at" ON "giftwire_codes_link" ("deleted_at") WHERE deleted_at IS NULL;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "giftwire_codes_link" cascade;`);
  }
}
