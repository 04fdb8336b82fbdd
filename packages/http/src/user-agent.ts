/**
 * `giftwire-bamboo/1.2.0` for `@giftwire/bamboo` 1.2.0: vendors see which client and version called them,
 * which is what their support asks for first.
 */
export function userAgent(packageName: string, version: string): string {
  return `giftwire-${packageName.replace(/^@giftwire\//, '')}/${version}`;
}
