// Medusa's loaders use Node's `require` for config and module files: let it read TypeScript.
import 'tsx/cjs';

// DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD come from vitest.config.ts (GIFTWIRE_TEST_POSTGRES_URL, see
// vitest.shared.ts); DB_HOST is `localhost` there: any other host makes test-utils use SSL and hang.
