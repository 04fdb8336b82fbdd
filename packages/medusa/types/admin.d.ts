// Types of `@giftwire/medusa/admin` (CommonJS), the admin extension bundle `medusa plugin:build` writes. Only
// Medusa's admin build imports it; the shape is the admin SDK's plugin object.
declare const plugin: {
  widgetModule: { widgets: Array<{ Component: unknown; zone: string[] }> };
  routeModule: { routes: unknown[] };
  [module: string]: unknown;
};
export = plugin;
