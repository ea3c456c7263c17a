import type { z } from 'zod';
import type { InvalidField } from './api-errors.ts';

/**
 * Turns zod issues into `{field, message}` entries (French) naming each offending field.
 * Unknown keys of strict objects become one entry per key; a wrong root type maps to `(body)`.
 * Issues must come from a parse with `reportInput: true` so that missing fields are told apart.
 */
export function zodIssuesToFields(issues: readonly z.core.$ZodIssue[], rootName = '(body)'): InvalidField[] {
  const fields: InvalidField[] = [];
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        fields.push({ field: path === '' ? key : `${path}.${key}`, message: 'champ inconnu (non autorisé)' });
      }
      continue;
    }
    if (path === '') {
      const message = issue.code === 'invalid_type' ? `doit être de type ${frenchTypeName(issue.expected)}` : issue.message;
      fields.push({ field: rootName, message });
      continue;
    }
    if (issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
      fields.push({ field: path, message: 'champ requis' });
      continue;
    }
    fields.push({ field: path, message: issue.message });
  }
  return fields;
}

function frenchTypeName(expected: string): string {
  switch (expected) {
    case 'object':
      return 'objet JSON';
    case 'string':
      return 'chaîne de caractères';
    case 'number':
    case 'int':
      return 'nombre';
    default:
      return expected;
  }
}
