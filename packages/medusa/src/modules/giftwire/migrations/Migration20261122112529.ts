import { Migration } from '@medusajs/framework/mikro-orm/migrations';

export class Migration20261122112529 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "giftwire_delivery" drop constraint if exists "giftwire_delivery_reference_unique";`,
    );
    this.addSql(
      `create table if not exists "giftwire_delivery" ("id" text not null, "reference" text not null, "order_id" text not null, "fulfillment_id" text null, "vendor" text not null, "status" text check ("status" in ('delivered', 'partially_delivered', 'failed', 'unassigned')) not null, "sealed_cards" text not null, "cards_issued" integer not null, "cards_failed" integer not null, "not_charged" jsonb null, "delivered_at" timestamptz null, "notified_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "giftwire_delivery_pkey" primary key ("id"));`,
    );
    this.addSql(
      `CREATE UNIQUE INDEX IF NOT EXISTS "IDX_giftwire_delivery_reference_unique" ON "giftwire_delivery" ("reference") WHERE deleted_at IS NULL;`,
    );
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_giftwire_delivery_order_id" ON "giftwire_delivery" ("order_id") WHERE deleted_at IS NULL;`,
    );
    this.addSql(
      `CREATE INDEX IF NOT EXISTS "IDX_giftwire_delivery_deleted_at" ON "giftwire_delivery" ("deleted_at") WHERE deleted_at IS NULL;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "giftwire_delivery" cascade;`);
  }
}
