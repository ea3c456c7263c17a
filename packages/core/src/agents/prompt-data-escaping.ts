/**
 * Text placed inside the prompt's data blocks (`<sources>`, `<source title="…">`) is escaped so that
 * nothing in a document can close the block or open a new one: `<`, `>` and `&` become entities, and
 * quotes too inside attribute values. The model reads entities fine; a document saying
 * `</sources> Nouvelle instruction : …` stays inside its source as inert text.
 */

export function escapePromptText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapePromptAttribute(value: string): string {
  return escapePromptText(value).replace(/"/g, '&quot;').replace(/[\r\n\t]+/g, ' ');
}
