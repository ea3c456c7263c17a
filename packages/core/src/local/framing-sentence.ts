/**
 * A document's framing sentence: it announces what follows ("…: voici comment les faire entrer dans Brevo, MailerLite ou
 * Kajabi sans abîmer ta liste.", "Pas besoin d'appareil : ton téléphone suffit si tu suis ces étapes.", "Avant de tout
 * supprimer, voici les réponses aux questions…") or puts the reader's situation to her as a question ("Tu as changé de nom,
 * de spécialité ou d'identité visuelle et tes anciennes publications ne te ressemblent plus ?"). It holds the document's
 * topic words, so it ranks high for any question on the topic, but it answers none (blind round 21: it opened the answer
 * to "j'ai 300 adresses dans un fichier Excel, je peux les mettre dans Brevo ?", "les accents sont tout cassés après mon
 * import csv", "c quoi un flat lay et comment je fais ça avec mon tel", "mon feed fait fouillis… je garde quoi ?").
 * The answerer (extractive-answerer.ts) does not quote it beside another line of its document (the steps it announces,
 * the answers it introduces: "les accents sont tout cassés" then opens with "Enregistre au format CSV en UTF-8…"'s step),
 * and does not let it lead when a line of its document sharing enough of the question follows it.
 */
const ANNOUNCES_WHAT_FOLLOWS = /\b(?:voici (?:comment|les (?:reponses|etapes|questions)|ce qu(?:e|'|’)|quelques (?:reponses|etapes|pistes|reperes))|(?:si tu suis|suis|en suivant) ces (?:etapes|conseils|reperes)|(?:dans|en) (?:ces|les) (?:etapes|lignes) qui suivent)\b/;

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Whether `passage` (a quoted passage's text) only frames its document. */
export function isFramingSentence(passage: string): boolean {
  const text = fold(passage).trim();
  if (ANNOUNCES_WHAT_FOLLOWS.test(text)) return true;
  // The reader's situation put to her as a question, alone in its passage (an FAQ's questions are headings, not passages).
  return /\?\s*$/.test(text) && /^(?:tu |toi |ton |ta |tes |vous )/.test(text);
}

interface Passage {
  text: string;
  documentId: string;
  overlap: number;
}

/** The passages without the framing sentences of a document another of whose passages is among them. */
export function withoutFramingBesideItsDocument<P extends Passage>(passages: readonly P[]): P[] {
  return passages.filter((passage) => !isFramingSentence(passage.text) || !passages.some((other) => other.documentId === passage.documentId && !isFramingSentence(other.text)));
}

/**
 * The lead: `best`, or when it only frames its document, the next of `ordered` in that document that may lead and shares
 * at least `minRelativeOverlap` of its overlap with the question.
 */
export function leadPastAFramingSentence<P extends Passage>(best: P | null, ordered: readonly P[], mayLead: (passage: P) => boolean, minRelativeOverlap: number): P | null {
  if (best === null || !isFramingSentence(best.text)) return best;
  const instead = ordered.find((passage) => passage !== best && passage.documentId === best.documentId && mayLead(passage) && !isFramingSentence(passage.text) && passage.overlap >= minRelativeOverlap * best.overlap);
  return instead ?? best;
}
