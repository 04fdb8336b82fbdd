// Medusa's loaders use Node's `require` for config and module files: let it read TypeScript.
import 'tsx/cjs';

process.env.DB_HOST ??= 'localhost'; // any other host makes test-utils use SSL and hang
process.env.DB_PORT ??= '5432';
process.env.DB_USERNAME ??= 'postgres';
process.env.DB_PASSWORD ??= '';
