import { isScalar, isSeq, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * YAML front matter of a knowledge-base document (same format as the eval set):
 *
 * ---
 * title: Créer un Reel avec un son tendance
 * agent_owner: carole          # optional: audrey | carole | shared
 * tags: [instagram, reel]      # optional: list, or a comma-separated string
 * category: instagram          # optional
 * priority: 2                  # optional integer, default 1
 * ---
 *
 * The text fields (title, category, agent_owner, each tag) are read as the author wrote them:
 * `title: 2024`, `tags: [2024, true]` or `category: 1.50` are the texts "2024", "true", "1.50"
 * (YAML alone would make them a number or a boolean, and `0x1F` the number 31).
 */

// Unknown keys are ignored (other teams add their own fields); known keys are type-checked.
export const frontMatterSchema = z.object({
  title: z.string({ error: 'title doit être un texte' }).trim().min(1, { error: 'title ne doit pas être vide' }).optional(),
  // Read whatever the case and surrounding spaces ("Audrey", " Shared "): an editor's capital must
  // not leave a whole document out of the knowledge base.
  agent_owner: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.trim().toLowerCase() : value),
      z.enum(['audrey', 'carole', 'shared'], { error: 'agent_owner doit valoir audrey, carole ou shared' }),
    )
    .optional(),
  tags: z
    // An item left empty in a list (`[reel, null]`, a template's blank line) is not a tag, as an empty key is not given.
    .preprocess((value) => (Array.isArray(value) ? value.filter((tag) => tag !== null) : value), z.union([z.array(z.union([z.string(), z.number()])), z.string()], {
      error: 'tags doit être une liste de textes',
    }))
    .transform((value) =>
      (Array.isArray(value) ? value.map(String) : value.split(','))
        .map((tag) => tag.trim())
        .filter((tag) => tag !== ''),
    )
    .optional(),
  category: z.string({ error: 'category doit être un texte' }).trim().optional(),
  priority: z
    // `priority: "2"` (quoted, as some editors and templates write every value) is the number 2.
    .preprocess(
      (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
      z
        .number({ error: 'priority doit être un nombre entier' })
        .int({ error: 'priority doit être un nombre entier' })
        .min(0, { error: 'priority doit être positive' })
        .max(100, { error: 'priority ne doit pas dépasser 100' }),
    )
    .optional(),
});
export type FrontMatter = z.output<typeof frontMatterSchema>;

export interface DocumentWithFrontMatter {
  frontMatter: FrontMatter;
  /** Text after the front matter (the whole text when there is none). */
  body: string;
}

// The YAML between the fences may be empty (`---` right after `---`, as Jekyll and Hugo files often have).
const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Splits and validates the front matter of a document; errors name the file. */
export function parseFrontMatter(text: string, file: string): DocumentWithFrontMatter {
  const source = text.replace(/^\uFEFF/, '');
  const match = FRONT_MATTER.exec(source);
  if (match === null) {
    if (/^---[ \t]*\r?\n/.test(source)) throw new KnowledgeFileError(file, 'front matter YAML non fermé (ligne --- manquante)');
    return { frontMatter: {}, body: source };
  }
  let data: unknown;
  try {
    data = textFieldsAsWritten(parseFrontMatterYaml(match[1] ?? '')).toJS();
  } catch (error) {
    // The parser counts lines from the front matter's first; the file has the opening --- before it.
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    const detail = (error instanceof Error ? error.message.split('\n')[0]! : String(error)).replace(/ at line \d+, column \d+:?$/, '');
    throw new KnowledgeFileError(file, `front matter YAML invalide${line === undefined ? '' : ` (ligne ${line + 1} du fichier)`} : ${detail}`, error);
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new KnowledgeFileError(file, 'front matter YAML invalide : un objet clé/valeur est attendu');
  }
  return { frontMatter: validateDocumentMetadata(data, file, 'front matter'), body: source.slice(match[0].length) };
}

/** `key: value` on one line, the value unquoted and not a list or a map. */
const PLAIN_KEY_VALUE = /^([A-Za-z_][\w-]*):[ \t]+(?!["'[{|>&*!])(.*\S)[ \t]*$/;

/**
 * Parses the front matter's YAML. A value written with French typography (`title: Newsletter
 * d'artisan : Brevo ou Mailchimp ?`, a space before the colon) is not valid YAML (": " would open a
 * nested map): when the text does not parse, such plain values are read as quoted text, and the
 * original error stands only if that does not parse either.
 */
function parseFrontMatterYaml(yaml: string): Document {
  try {
    return parseYamlDocument(yaml);
  } catch (error) {
    const quoted = yaml
      .split(/\r?\n/)
      .map((line) => {
        const keyValue = PLAIN_KEY_VALUE.exec(line);
        return keyValue && / :|: /.test(keyValue[2]!) ? `${keyValue[1]}: ${JSON.stringify(keyValue[2]!.replace(/\s+#.*$/, ''))}` : line;
      })
      .join('\n');
    if (quoted === yaml) throw error;
    try {
      return parseYamlDocument(quoted);
    } catch {
      throw error;
    }
  }
}

/** The YAML document, or its first error thrown (YAMLParseError, with the line). Warnings are not printed. */
function parseYamlDocument(yaml: string): Document {
  const document = parseDocument(yaml);
  if (document.errors.length > 0) throw document.errors[0];
  return document;
}

const TEXT_FIELDS = ['title', 'category', 'agent_owner', 'tags'] as const;

/** A number, boolean or other non-text plain scalar of a text field becomes its text as written ("0x1F", not 31). */
function textFieldsAsWritten(document: Document): Document {
  const keepSource = (node: unknown) => {
    if (isScalar(node) && node.value !== null && typeof node.value !== 'string' && typeof node.source === 'string') node.value = node.source;
  };
  for (const field of TEXT_FIELDS) {
    const node = document.get(field, true);
    if (isSeq(node)) node.items.forEach(keepSource);
    else keepSource(node);
  }
  return document;
}

/**
 * Validates document metadata against the front matter schema, whatever carried it (YAML front
 * matter, HTML <meta> tags): errors name the file and the carrier ("front matter invalide : ...").
 */
export function validateDocumentMetadata(data: unknown, file: string, carrier: string): FrontMatter {
  // A key written with no value (`tags:` left empty in a template) is YAML null: the field is not given.
  const given = data !== null && typeof data === 'object' && !Array.isArray(data) ? Object.fromEntries(Object.entries(data).filter(([, value]) => value !== null)) : data;
  const parsed = frontMatterSchema.safeParse(given);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys' ? `champ inconnu : ${issue.keys.join(', ')}` : issue.message,
    );
    throw new KnowledgeFileError(file, `${carrier} invalide : ${issues.join(' ; ')}`);
  }
  return parsed.data;
}
