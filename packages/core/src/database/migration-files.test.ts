import { describe, expect, it } from 'vitest';
import { expandMigrationDirectives, readMigrationFiles } from './migration-files.ts';

/** sha256 of the migrations that spelled the drop statement out, as databases recorded them when applied. */
const RECORDED_CHECKSUMS: Record<string, string> = {
  '0006_functions': 'eb6c693c26f27a7ef3d54775e30bcbae6dfc89683f3ba70b3240d6266c5282b3',
  '0009_conversation_handover': 'fcb0d3d080baa9437cf28c0701a47c78eccf7743bf0058539e233eb9c6add938',
  '0012_hybrid_search_functions': '29a61ee2855bf067ce7ddb7e510100643444b8750e90504074f681661c67556d',
};

describe('migration files', () => {
  it('expand @drop-function-overloads to the statement the applied files held: same checksums, no warning on migrated databases', async () => {
    const migrations = await readMigrationFiles();
    for (const [name, checksum] of Object.entries(RECORDED_CHECKSUMS)) {
      const migration = migrations.find((candidate) => candidate.name === name);
      expect(migration?.sql).not.toContain('@drop-function-overloads');
      expect(migration?.checksum, name).toBe(checksum);
    }
  });

  it('drops every overload of the listed functions, and refuses what is not a function name', () => {
    const sql = expandMigrationDirectives('-- @drop-function-overloads: first_function, second_function\nSELECT 1;');
    expect(sql).toContain("AND procedure.proname IN ('first_function', 'second_function')");
    expect(sql).toContain("EXECUTE format('DROP FUNCTION %s', existing_function.signature);");
    expect(sql.endsWith('$migration$;\nSELECT 1;')).toBe(true);
    expect(() => expandMigrationDirectives("-- @drop-function-overloads: x'); DROP TABLE users; --")).toThrow(/not a function name/);
  });
});
