import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hybridSearchArguments, hybridSearchSettings } from './hybrid-search-parameters.ts';
import { hybridSearchSql } from './hybrid-search-sql.ts';

const migration = new URL('../../../../database/migrations/0012_hybrid_search_functions.sql', import.meta.url);

describe('hybrid_search_chunks (migration 0012)', () => {
  it('runs the very statement of the direct Postgres retriever, so Supabase mode searches alike', async () => {
    const sql = await readFile(migration, 'utf8');
    const body = /CREATE FUNCTION hybrid_search_chunks\([\s\S]*?AS \$function\$([\s\S]*?)\$function\$;/.exec(sql)?.[1];
    expect(body?.trim()).toBe(hybridSearchSql.trim());
  });

  it('takes its arguments in the order of the statement’s $1..$12', async () => {
    const sql = await readFile(migration, 'utf8');
    const declared = /CREATE FUNCTION hybrid_search_chunks\(([\s\S]*?)\)\s*RETURNS/.exec(sql)![1]!
      .split(',')
      .map((argument) => argument.trim().split(/\s+/)[0]);
    const names = Object.keys(
      hybridSearchArguments(
        { agent: 'audrey', text: 'x', embedding: [1], embeddingModel: 'm', limit: 3, minSimilarity: 0 },
        hybridSearchSettings(),
      ),
    );
    expect(declared).toEqual(names);
    expect(Math.max(...[...hybridSearchSql.matchAll(/\$(\d+)/g)].map((match) => Number(match[1])))).toBe(names.length);
  });
});
