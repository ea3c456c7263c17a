import type { ServedRoute } from '../http/served-routes.ts';

export { servedRoutesOf, type ServedRoute } from '../http/served-routes.ts';

/** `/a/{x}/b` and `/a/{y}/b` are the same route (OpenAPI: the same path; Express: any parameter name). */
export const routeKey = (method: string, template: string): string => `${method.toUpperCase()} ${template.replace(/\{[^}]*\}/g, '{}')}`;

const DOCUMENT_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/**
 * Compares the app's routes with the document's operations, both ways: `undeclared` are served but not
 * in the document; `notServed` are in the document but not served (a documented GET on an opaque
 * mount's path counts as served).
 */
export function compareWithDocument(served: { routes: ServedRoute[]; opaqueMounts: string[] }, document: Record<string, unknown>): { undeclared: string[]; notServed: string[] } {
  const documented = new Set<string>();
  for (const [template, item] of Object.entries(document.paths as Record<string, Record<string, unknown>>)) {
    for (const method of DOCUMENT_METHODS) if (item[method] !== undefined) documented.add(routeKey(method, template));
  }
  const servedKeys = new Set(served.routes.map((route) => routeKey(route.method, route.template)));
  for (const mount of served.opaqueMounts) servedKeys.add(routeKey('GET', mount));
  return {
    undeclared: [...servedKeys].filter((key) => !documented.has(key)).sort(),
    notServed: [...documented].filter((key) => !servedKeys.has(key)).sort(),
  };
}
