import { Migration } from '@medusajs/framework/mikro-orm/migrations';

/** The provider registration (`giftwire_<id>`) of each delivery, now that one vendor may have several. */
export class Migration20261202141000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table if exists "giftwire_delivery" add column if not exists "provider_id" text null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "giftwire_delivery" drop column if exists "provider_id";`);
  }
}
