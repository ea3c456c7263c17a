import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { contentStems } from '../french-text/french-text.ts';
import { plainIntentText } from '../local/escalation-intent.ts';
import { OWN_TAX_OBLIGATION_RULE } from '../local/escalation-out-of-scope.ts';

/**
 * The subject an out-of-scope message asks about, when its grammar says so: the tax of "est-ce que
 * je dois facturer la TVA à mes clientes ?" (escalation-out-of-scope.ts OWN_TAX_OBLIGATION_RULE),
 * as stems; null otherwise. A document answers such a question only if it names that subject (every
 * stem of it: "charges sociales"): a page on Stripe receipts shares "facturer" and "clientes" with
 * the VAT question, not the VAT (blind round 11). A word merely met in the message ("une comptable qui vise les artisans": the visitor's
 * profession) is not asked about, and a document may still answer that message.
 */
export function askedOutOfScopeSubjectStems(message: string): string[] | null {
  const text = plainIntentText(message);
  const asked = OWN_TAX_OBLIGATION_RULE.pattern.exec(text);
  if (asked === null || OWN_TAX_OBLIGATION_RULE.unless?.test(text)) return null;
  const stems = contentStems(asked.groups?.tax ?? '');
  return stems.length === 0 ? null : stems;
}

/** The chunks of `lists` that name the subject `message` asks about (every stem of it, title included); all of them when it asks about none. */
export function chunksNamingTheAskedSubject(message: string, lists: RetrievedChunk[][]): RetrievedChunk[][] {
  const subject = askedOutOfScopeSubjectStems(message);
  if (subject === null) return lists;
  const namesTheSubject = (chunk: RetrievedChunk) => {
    const stems = new Set(contentStems(`${chunk.title} ${chunk.content}`));
    return subject.every((stem) => stems.has(stem));
  };
  return lists.map((list) => list.filter(namesTheSubject));
}
