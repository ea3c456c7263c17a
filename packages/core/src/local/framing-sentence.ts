/**
 * A document's framing sentence: it announces what follows ("…: voici comment les faire entrer dans Brevo, MailerLite ou
 * Kajabi sans abîmer ta liste.", "Pas besoin d'appareil : ton téléphone suffit si tu suis ces étapes.", "Avant de tout
 * supprimer, voici les réponses aux questions…") or puts the reader's situation to her as a question ("Tu as changé de nom,
 * de spécialité ou d'identité visuelle et tes anciennes publications ne te ressemblent plus ?"). It holds the document's
 * topic words, so it ranks high for any question on the topic, but it answers none (blind round 21: it opened the answer
 * to "j'ai 300 adresses dans un fichier Excel, je peux les mettre dans Brevo ?", "les accents sont tout cassés après mon
 * import csv", "c quoi un flat lay et comment je fais ça avec mon tel", "mon feed fait fouillis… je garde quoi ?").
 * The answerer does not let it lead when a line of its document that answers follows it (extractive-answerer.ts).
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
