// Types of `@giftwire/medusa/admin` (ES module); see admin.d.ts.
declare const plugin: {
  widgetModule: { widgets: Array<{ Component: unknown; zone: string[] }> };
  routeModule: { routes: unknown[] };
  [module: string]: unknown;
};
export default plugin;
