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
  // Not open or closed to someone or something ("vous êtes ouvertes aux débutantes ?", "vos formations sont ouvertes à
  // toutes ?", "fermées à l'idée d'un partenariat": a review of 2026-12-05, they got "Je n'ai rien trouvé" as hours questions);
  // "ouverts à quelle heure", "à partir de 9 h" are hours.
  ['hours', /\b(?:horaires?|heures? d ouverture|(?:ouverts?|ouvertes?|fermes?|fermees?)(?! (?:a|aux|au|pour) (?!quelle|partir|midi|\d))|opening hours|hours|open(?! to\b))\b/],
  // Not where one is in a task ("vous êtes où dans la préparation du live ?", "où êtes-vous avec mon dossier ?": a review of
  // 2026-12-05, answered "Je n'ai rien trouvé" as an address question).
  ['address', /\b(?:adresse postale|votre adresse|l adresse de l agence|address|locaux|(?:vous etes ou|ou etes vous)(?! (?:avec|par rapport|au niveau|dans (?:la|le|les|l|votre|vos|ton|ta|mon|ma|mes|son|sa|ses|cette|ce)\b))|ou vous trouver|ou est l agence|vos bureaux|votre bureau|ou se trouve l agence|ou vous situez|ou etes vous situes?|vous etes situes? ou|(?:vous etes|etes vous) (?:bases?|basees?|situes?|situees?|installes?|installees?) ou|ou (?:etes vous|vous etes) (?:bases?|basees?|installes?|installees?)|where are you|passer (?:vous voir|au studio|a l agence|au bureau))\b/],
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
  // "basé à" is one word where passages are matched (french-text/fixed-expressions.ts): "basé" alone matched "les bases de…".
  address: 'adresse basé à locaux',
  email: 'email',
};

/** `question` with the words that name the contact facts it asks (unchanged when it asks none). */
export function withContactFactWords(question: string): string {
  const facts = contactFactsAskedBy(question);
  return facts.length === 0 ? question : `${question} ${facts.map((fact) => WORDS_OF[fact]).join(' ')}`;
}

/**
 * What states each fact: a phone number, an e-mail address, opening days or hours, a postal address or where the place is
 * ("basé à Lyon", "12 rue…", "69007", "nos locaux"); or a line labelled with the fact ("Téléphone : …", "Adresse : …").
 */
const STATES: Record<ContactFact, RegExp> = {
  phone: /(?:\+\d{2}[\s.]?|\b0)[1-9](?:[\s.-]?\d{2}){4}\b|^\s*(?:t[ée]l[ée]phone|t[ée]l)\s?:/imu,
  email: /[\p{L}\d._%+-]+@[\p{L}\d.-]+\.\p{L}{2,}|^\s*(?:e-?mail|courriel)\s?:/imu,
  hours: /\b(?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?|week-end|horaires?|ouverts?|ouvertes?|ferm[ée]e?s?)\b|\b\d{1,2}\s?h(?:\s?\d{2})?\b/iu,
  address: /\b(?:rue|avenue|boulevard|bd|place|chemin|all[ée]e|quai|impasse|route)\s|\b\d{5}\b|\b(?:bas[ée]e?s?|situ[ée]e?s?|install[ée]e?s?)\s+(?:à|a|en|au|aux|dans|près de)\s|\b(?:nos|les|ses) locaux\b|^\s*adresse\s?:/imu,
};

/**
 * Whether a passage states one of the contact facts asked: a question only about how to reach the agency ("vous êtes où ?")
 * is answered by such a line or by none. Without it, the lines sharing a search word ("adresse email", "les bases de
 * l'automatisation") were quoted to it from a knowledge base that gives no address (a probe of `pnpm start`, 2026-12-05).
 */
export function statesAContactFact(passage: string, facts: readonly ContactFact[]): boolean {
  return facts.some((fact) => STATES[fact].test(passage));
}

/**
 * A line in the agency's own voice ("Nos bureaux se trouvent au 8 rue Oberkampf, 75011 Paris", "Nous sommes joignables le
 * mardi et le jeudi de 9 h à 17 h", "Le studio est basé à Lyon"): stating a contact fact, it answers a question on how to
 * reach the agency even when it shares no word with it ("vous êtes où ?", "quels sont vos horaires ?"). A contact page
 * written as prose got "Je n'ai rien trouvé" for them (review of 2026-12-05). Not a guide's line that happens to hold a
 * weekday or an hour ("Publie le mardi à 18 h").
 */
const THE_AGENCYS_VOICE = /^(?:[^\p{L}]*)(?:nous|nos|notre|l['’]agence|l['’][ée]quipe|le studio|le cabinet|les bureaux|l['’]accueil)\b/iu;

export function statesAContactFactInTheAgencysVoice(passage: string, facts: readonly ContactFact[]): boolean {
  return THE_AGENCYS_VOICE.test(passage.trim()) && statesAContactFact(passage, facts);
}
