import type { z } from 'zod';
import { componentSchemas } from '../openapi/openapi-document.ts';

type JsonObject = Record<string, unknown>;

/**
 * Checks a real response against the OpenAPI document the app serves: the route and method are
 * documented, the status is declared (exactly or by its `4XX`/`5XX` range), and a JSON body
 * matches the component schema the document names for it (the zod schema it was generated from),
 * with no property that schema does not declare.
 * Returns the problems found (empty when the response tells the document's truth).
 */
export function responseProblems(
  document: JsonObject,
  request: { method: string; path: string },
  response: { status: number; contentType: string | null; body: unknown },
): string[] {
  const paths = document.paths as Record<string, Record<string, JsonObject>>;
  const pathname = request.path.split('?')[0]!;
  const template = Object.keys(paths).find((candidate) => templateMatches(candidate, pathname));
  if (!template) return [`${request.method} ${pathname}: no documented path`];
  const operation = paths[template]![request.method.toLowerCase()];
  if (!operation) return [`${request.method} ${template}: method not documented`];
  const responses = operation.responses as Record<string, JsonObject>;
  const declared = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`];
  if (!declared) return [`${request.method} ${template}: status ${response.status} not declared (declared: ${Object.keys(responses).join(', ')})`];
  const content = declared.content as Record<string, { schema?: { $ref?: string } }> | undefined;
  if (!content) return response.body === undefined || response.body === '' ? [] : [`${response.status}: a body where none is declared`];
  const mediaType = (response.contentType ?? '').split(';')[0]!.trim();
  const media = content[mediaType];
  if (!media) return [`${response.status}: content type ${mediaType} not declared (declared: ${Object.keys(content).join(', ')})`];
  const schemaName = media.schema?.$ref?.split('/').pop();
  if (!schemaName) return [];
  const schema: z.ZodType | undefined = componentSchemas.find((component) => component.name === schemaName)?.schema;
  if (!schema) return [`${response.status}: schema ${schemaName} unknown`];
  const parsed = schema.safeParse(response.body);
  if (!parsed.success) return [`${response.status}: body does not match ${schemaName}: ${parsed.error.message}`];
  // The document's objects forbid other properties (additionalProperties: false) where zod strips them.
  return undeclaredProperties(response.body, parsed.data, '$').map((at) => `${response.status}: ${at} is not declared in ${schemaName}`);
}

/** Properties of `body` that parsing dropped (zod strips what its object schemas do not declare). */
function undeclaredProperties(body: unknown, parsed: unknown, at: string): string[] {
  if (Array.isArray(body) && Array.isArray(parsed)) return body.flatMap((item, index) => undeclaredProperties(item, parsed[index], `${at}[${index}]`));
  if (!isPlainObject(body) || !isPlainObject(parsed)) return [];
  return Object.keys(body).flatMap((key) => (key in parsed ? undeclaredProperties(body[key], parsed[key], `${at}.${key}`) : [`${at}.${key}`]));
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function templateMatches(template: string, pathname: string): boolean {
  const templateParts = template.split('/');
  const parts = pathname.split('/');
  if (templateParts.length !== parts.length) return false;
  return templateParts.every((part, index) => part.startsWith('{') || part === parts[index]);
}
