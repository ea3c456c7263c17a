import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { hybridSearchArguments, hybridSearchSettings } from './hybrid-search-parameters.ts';
import { hybridSearchSql, sqlFunctionBody } from './hybrid-search-sql.ts';

const migration = new URL('../../../../database/migrations/0027_full_text_distinct_words.sql', import.meta.url);

describe('hybrid_search_chunks (migration 0027: 0020 ranking chunks by the distinct query words they match)', () => {
  it('the direct Postgres retriever runs the body of the SQL function, read from the migration', () => {
    expect(hybridSearchSql).toContain('WITH scoped_documents AS MATERIALIZED');
    expect(hybridSearchSql.trim().endsWith('LIMIT $11')).toBe(true);
    expect(() => sqlFunctionBody('CREATE FUNCTION other_function() AS $function$ SELECT 1 $function$;', 'hybrid_search_chunks')).toThrow(
      /no SQL function hybrid_search_chunks/,
    );
  });

  it('takes its arguments in the order of the statement’s $1..$12', async () => {
    const sql = await readFile(migration, 'utf8');
    const declared = /CREATE OR REPLACE FUNCTION hybrid_search_chunks\(([\s\S]*?)\)\s*RETURNS/.exec(sql)![1]!
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
