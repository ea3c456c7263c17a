import type { AnswerDecision, RouteDecision } from '../capabilities/route-decision.ts';
import { spacedFoldedWords } from '../french-text/french-text.ts';
import { markdownHeadingsOf } from '../local/answer-passages.ts';
import { contactFactsAskedBy, type ContactFact } from '../local/contact-facts.ts';

/**
 * A question about how to reach the agency ("vous avez un numéro de tel ?", "What are your opening
 * hours?", "vous êtes où ?", "adresse mail pour une question sur ma facture") names the fact in a
 * word the page rarely uses as written ("tel" against "## Par téléphone", "opening hours" against
 * "Contacter l'équipe et horaires"): its few words never reached the knowledge check's two-word
 * rule, and the visitor got the clarifying question. A chunk whose title, section or inner heading,
 * or a line's label ("Téléphone : 04 …"), names the same fact answers it.
 */
/** Words of a heading or a label that name each fact (folded). */
const NAMED: Record<ContactFact, RegExp> = {
  phone: /\b(?:telephone|tel|appel(?:er|s)?|standard|phone)\b/,
  hours: /\b(?:horaires?|heures d ouverture|ouverture|ouverts?|opening hours)\b/,
  // Not "accès" nor "venir" alone: "Durée d'accès", "Quand l'accès est bloqué" (account access) and "Les ateliers à venir"
  // made a members' area page answer "vous êtes où ?" (a probe of `pnpm start`, 2026-12-05); nor an e-mail address.
  address: /\b(?:adresse(?! (?:e )?mail| email| electronique)|locaux|nous trouver|venir nous voir|comment venir|plan d acces|acces (?:au|aux|en) (?:cabinet|studio|locaux|bureaux?|transports?|voiture|metro)|address|bureaux?)\b/,
  email: /\b(?:e mail|email|mail|courriel|nous ecrire)\b/,
};

/**
 * Asking for something a person does (call back, talk, advise) rather than for the agency's details:
 * "rappelez-moi", "je veux parler à quelqu'un, votre numéro ?".
 */
const ASKS_FOR_A_PERSON = /\b(?:rappel\w*|appelez moi|appelle moi|m appeler|parler|discuter|echanger|quelqu un|une personne|humain|humaine|conseill\w*|talk|speak|call me|someone|human)\b/;

/**
 * A hand-over that only asks how to reach the agency ("c koi votre numero de tel ?", "your email
 * address?"): a page naming it answers it better than a person who may not be there. A request to be
 * called back or to talk to someone stays with a person.
 */
export function asksOnlyForContactDetails(message: string): boolean {
  return contactFactsAskedBy(message).length > 0 && !ASKS_FOR_A_PERSON.test(spacedFoldedWords(message));
}

/** Whether the chunk names one of `facts` in its title, section, an inner heading or a line's label. */
export function namesAContactFact(chunk: { title: string; section: string | null; content: string }, facts: readonly ContactFact[]): boolean {
  if (facts.length === 0) return false;
  const labels = chunk.content.split('\n').flatMap((line) => /^\s*(?:[-*+•]\s+)?(?:\*\*)?([^:\n]{2,40}?)(?:\*\*)?\s?:\s/u.exec(line)?.[1] ?? []);
  const named = [chunk.title, chunk.section ?? '', ...markdownHeadingsOf(chunk.content), ...labels].map(spacedFoldedWords);
  return facts.some((fact) => named.some((text) => NAMED[fact].test(text)));
}

/**
 * A clarification of a question only on how to reach the agency ("vous êtes où ?", "c'est quoi votre numéro ?") that no page
 * answered (the knowledge check kept it): the expert answers, and her answer says that the knowledge base does not give it,
 * where to turn instead (local/contact-facts.ts: only a line stating the fact is quoted). The clarifying question ("Ta
 * question porte plutôt sur l'automatisation… ou sur Instagram… ?") made no sense to it (a probe of `pnpm start`, 2026-12-05).
 */
export function contactQuestionAnswered(decision: RouteDecision, message: string): RouteDecision {
  if (decision.kind !== 'clarify' || !asksOnlyForContactDetails(message)) return decision;
  const answer: AnswerDecision = { ...decision, kind: 'answer', reasoning: "Question sur les coordonnées de l'agence : réponse à partir de la base de connaissances." };
  return answer;
}
