import type { z } from 'zod';
import { componentSchemas } from '../openapi/openapi-document.ts';

type JsonObject = Record<string, unknown>;

/**
 * Checks a real response against the OpenAPI document the app serves: the route and method are
 * documented, the status is declared (exactly or by its `4XX`/`5XX` range), and a JSON body
 * matches the component schema the document names for it (the zod schema it was generated from).
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
  return parsed.success ? [] : [`${response.status}: body does not match ${schemaName}: ${parsed.error.message}`];
}

function templateMatches(template: string, pathname: string): boolean {
  const templateParts = template.split('/');
  const parts = pathname.split('/');
  if (templateParts.length !== parts.length) return false;
  return templateParts.every((part, index) => part.startsWith('{') || part === parts[index]);
}
