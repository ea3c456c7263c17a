import type { IncomingMessage } from 'node:http';

/**
 * The PostgREST stand-in's reading of a request (postgrest-standin.ts): its error class with
 * PostgREST's shape, identifiers, filters, select lists, order, limits, `Prefer` and the JSON body,
 * turned into SQL fragments with bound values; and PostgREST's HTTP status for a Postgres error.
 */

export class StandinError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: string | null = null,
  ) {
    super(message);
  }
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED_PARAMETERS = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns']);

export function identifier(name: string): string {
  const unquoted = name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
  if (!IDENTIFIER.test(unquoted)) throw new StandinError(400, 'PGRST100', `unsupported identifier "${name}" (the stand-in accepts plain column names)`);
  return `"${unquoted}"`;
}

/** Splits `a,"b,c",d` (PostgREST's in-list and column lists) on commas outside double quotes. */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const character = text[index]!;
    if (character === '"' ) {
      quoted = !quoted;
      continue;
    }
    if (character === '\\' && quoted && index + 1 < text.length) {
      current += text[++index];
      continue;
    }
    if (character === ',' && !quoted) {
      items.push(current);
      current = '';
      continue;
    }
    current += character;
  }
  items.push(current);
  return items;
}

interface Statement {
  where: string;
  values: unknown[];
}

export function whereClause(search: URLSearchParams, values: unknown[], qualifier = ''): string {
  const conditions: string[] = [];
  for (const [column, expression] of search) {
    if (RESERVED_PARAMETERS.has(column)) continue;
    const dot = expression.indexOf('.');
    if (dot === -1) throw new StandinError(400, 'PGRST100', `"failed to parse filter (${expression})"`);
    const operator = expression.slice(0, dot);
    const operand = expression.slice(dot + 1);
    const target = `${qualifier}${identifier(column)}`;
    const comparison = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' }[operator];
    if (comparison) {
      values.push(operand);
      conditions.push(`${target} ${comparison} $${values.length}`);
    } else if (operator === 'is') {
      const literal = { null: 'NULL', true: 'TRUE', false: 'FALSE' }[operand.toLowerCase()];
      if (!literal) throw new StandinError(400, 'PGRST100', `"failed to parse filter (is.${operand})"`);
      conditions.push(`${target} IS ${literal}`);
    } else if (operator === 'in') {
      if (!operand.startsWith('(') || !operand.endsWith(')')) throw new StandinError(400, 'PGRST100', `"failed to parse filter (in.${operand})"`);
      const items = splitList(operand.slice(1, -1)).filter((item, index, all) => !(all.length === 1 && item === '' && index === 0));
      values.push(items);
      conditions.push(`${target} = ANY ($${values.length})`);
    } else {
      throw new StandinError(400, 'PGRST100', `operator "${operator}" is not supported by the stand-in`);
    }
  }
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}

export function selectList(search: URLSearchParams, alias = ''): string {
  const select = search.get('select');
  if (select === null || select.trim() === '*' || select.trim() === '') return `${alias}*`;
  return splitList(select)
    .map((column) => column.trim())
    .map((column) => `${alias}${identifier(column)}`)
    .join(', ');
}

export function orderClause(search: URLSearchParams): string {
  const order = search.get('order');
  if (!order) return '';
  const terms = order.split(',').map((term) => {
    const [column, ...modifiers] = term.split('.');
    let sql = identifier(column!);
    for (const modifier of modifiers) {
      if (modifier === 'asc' || modifier === 'desc') sql += ` ${modifier.toUpperCase()}`;
      else if (modifier === 'nullsfirst') sql += ' NULLS FIRST';
      else if (modifier === 'nullslast') sql += ' NULLS LAST';
      else throw new StandinError(400, 'PGRST100', `"failed to parse order (${term})"`);
    }
    return sql;
  });
  return `ORDER BY ${terms.join(', ')}`;
}

export function nonNegativeInteger(value: string | null, name: string): number | null {
  if (value === null) return null;
  if (!/^\d+$/.test(value)) throw new StandinError(400, 'PGRST100', `"${name}" must be a non-negative integer`);
  return Number(value);
}

export function preferences(request: IncomingMessage): Map<string, string> {
  const header = request.headers.prefer;
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const [key, value = ''] = part.split('=');
      return [key!.trim(), value.trim()] as [string, string];
    });
  return new Map(entries);
}

export async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new StandinError(400, 'PGRST102', 'Empty or invalid json');
  }
}

export function statusOfPostgresError(code: string): number {
  if (code === '23505' || code === '23503') return 409;
  if (code === '42P01' || code === '42883') return 404;
  if (code.startsWith('08') || code.startsWith('53') || code.startsWith('57')) return 503;
  if (code.startsWith('22') || code.startsWith('23') || code.startsWith('42') || code === 'P0001') return 400;
  return 500;
}
