import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * How to reach the agency, asked ("vous avez un numéro de tel ?", "et vous êtes ouverts quand ?",
 * "vous êtes où ?"): the fact asked. The words a visitor uses ("tel", "ouverts", "où") are rarely the
 * page's ("Téléphone :", "du mardi au vendredi", "basé à Lyon"): the knowledge check
 * (pipeline/contact-questions.ts) looks for the fact in headings and labels, and the search and the
 * offline answer add the words that name it (`withContactFactWords`).
 */
export type ContactFact = 'phone' | 'hours' | 'address' | 'email';

const ASKED: ReadonlyArray<[ContactFact, RegExp]> = [
  ['phone', /\b(?:tel|tels|telephone|telephoner|phone|numero|appeler|vous appeler|call you)\b/],
  ['hours', /\b(?:horaires?|heures? d ouverture|ouverts?|ouvertes?|fermes?|fermees?|opening hours|hours|open)\b/],
  ['address', /\b(?:adresse postale|votre adresse|l adresse de l agence|address|locaux|vous etes ou|ou etes vous|ou vous trouver|ou est l agence|vos bureaux|votre bureau|ou se trouve l agence|ou vous situez|ou etes vous situes?|vous etes situes? ou|where are you|passer (?:vous voir|au studio|a l agence|au bureau))\b/],
  ['email', /\b(?:e mail|email|mail|adresse mail|courriel)\b/],
];

/** A question about the agency itself: "vous", "votre", "l'agence", "your". */
const ABOUT_THE_AGENCY = /\b(?:vous|votre|vos|l agence|agence|your|you)\b/;

/** The contact facts a short question asks of the agency (none when it does not speak to the agency). */
export function contactFactsAskedBy(message: string): ContactFact[] {
  const text = spacedFoldedWords(message);
  if (!ABOUT_THE_AGENCY.test(text)) return [];
  return ASKED.filter(([, pattern]) => pattern.test(text)).map(([fact]) => fact);
}

/** The words a page uses for each fact, added to a question that asks it. */
const WORDS_OF: Record<ContactFact, string> = {
  phone: 'téléphone',
  // "quels horaires" also makes it a time-of-day question (quantity-question.ts): the passage with the hours is preferred.
  // Not "ouverture": its stem is that of the "taux d'ouverture" of every page on e-mails, which then
  // outranked the hours ("vous êtes ouverts quand ?" answered with an open rate); "horaires" already
  // matches a heading "Horaires d'ouverture".
  hours: 'quels horaires ouvert fermé',
  address: 'adresse basé locaux',
  email: 'email',
};

/** `question` with the words that name the contact facts it asks (unchanged when it asks none). */
export function withContactFactWords(question: string): string {
  const facts = contactFactsAskedBy(question);
  return facts.length === 0 ? question : `${question} ${facts.map((fact) => WORDS_OF[fact]).join(' ')}`;
}
