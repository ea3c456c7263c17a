import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { EvaluationFileError } from './evaluation-errors.ts';

/**
 * The JSONL formats of the evaluation sets (what `pnpm eval` accepts), one JSON object a line:
 * retrieval `{"q", "doc"}` (doc = the expected document's title; an optional `agent` pins the
 * agent whose knowledge is searched), routing `{"q", "agent"}` with agent audrey, carole or
 * escalate. Other fields are ignored; blank lines are skipped. Any bad line is an error that
 * names the file and the line.
 */

export const routeTargets = ['audrey', 'carole', 'escalate'] as const;
export type EvaluationRouteTarget = (typeof routeTargets)[number];

const nonBlank = z.string().refine((value) => value.trim() !== '', { error: 'must not be blank' });
/** An agent name read whatever its case and surrounding spaces ("Carole", " ESCALATE"). */
function agentName<const Names extends readonly [string, ...string[]]>(names: Names) {
  return z.preprocess((value) => (typeof value === 'string' ? value.trim().toLowerCase() : value), z.enum(names));
}

export const retrievalCaseSchema = z.looseObject({
  q: nonBlank,
  doc: nonBlank,
  agent: agentName(['audrey', 'carole'] as const).optional(),
});

export const routingCaseSchema = z.looseObject({
  q: nonBlank,
  agent: agentName(routeTargets),
});

export interface RetrievalCase {
  line: number;
  q: string;
  doc: string;
  agent?: 'audrey' | 'carole';
}

export interface RoutingCase {
  line: number;
  q: string;
  agent: EvaluationRouteTarget;
}

export function parseJsonLines<T>(text: string, file: string, schema: z.ZodType<T>): Array<T & { line: number }> {
  const cases: Array<T & { line: number }> = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new EvaluationFileError(file, line, `invalid JSON (${(error as Error).message})`, error);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .map((issue) => `${issue.path.length ? issue.path.join('.') : '(line)'}: ${issue.message}`)
        .join('; ');
      throw new EvaluationFileError(file, line, `unexpected content (${issues})`);
    }
    cases.push({ ...parsed.data, line });
  });
  if (cases.length === 0) throw new EvaluationFileError(file, null, 'no case in the file (one JSON object per line expected)');
  return cases;
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new EvaluationFileError(file, null, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, error);
  }
}

export async function readRetrievalCases(file: string): Promise<RetrievalCase[]> {
  return parseJsonLines(await readText(file), file, retrievalCaseSchema).map(({ line, q, doc, agent }) => ({
    line,
    q,
    doc,
    ...(agent ? { agent } : {}),
  }));
}

export async function readRoutingCases(file: string): Promise<RoutingCase[]> {
  return parseJsonLines(await readText(file), file, routingCaseSchema).map(({ line, q, agent }) => ({ line, q, agent }));
}
