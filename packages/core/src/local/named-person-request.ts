import { PLATFORM_NAMES } from './platform-names.ts';

/**
 * A visitor asking to reach a person of the team by first name ("Je voudrais parler à Nadia
 * directement", "Je peux avoir un rendez-vous avec Nadia ?", "Je peux avoir Inès au téléphone ?", "je préfère en
 * parler avec Salomé directement, c'est possible ?"). Every knowledge base names its own
 * team, so the name is not looked up in a list. Read narrowly, since a hand-over holds the
 * conversation for a person: the visitor asks (je voudrais, je peux, puis-je, I'd like to…) to talk
 * to, contact, or book a call or an appointment with a capitalised name, and nothing follows the
 * name but courtesy or timing ("svp", "directement", "cette semaine"). "J'aimerais parler à Marie
 * de mes offres dans mon prochain post" talks about something; "Je dois parler à Julie" asks
 * nothing; "J'ai eu un rendez-vous avec Nadia" tells. Not a team member: the two AI experts (Audrey,
 * Carole: reached in the chat itself), tools and platforms (platform-names.ts), titles, pronouns,
 * holidays and family words. A message typed all in lower case ("je voudrais parler a nadia", as
 * typed on a phone) gives no capital to go by: there, the word read as the name must be a single
 * word of three letters or more that is none of the words such a request may also end on (a
 * pronoun, a role, a time: "je voudrais parler a quelqu'un", "je voudrais appeler demain").
 */

const WANTS_TO =
  String.raw`(?:je (?:veux|voudrais|souhaite|souhaiterais|aimerais|peux|pourrais|prefere|prefererais)|j'aimerais|j'ai besoin d'|puis-je|pourrais-je|est-ce que je (?:peux|pourrais)` +
  String.raw`|est-il possible d'|est-ce possible d'|serait-il possible d'|c'est possible d'|i (?:want|would like|'d like|need) to|can i|could i|may i)`;
const MEETING = String.raw`(?:un|une|a|an) (?:rendez-vous|rendez vous|rdv|appel|call|visio|creneau|entretien|echange|meeting|appointment|session)(?: (?:telephonique|en visio|rapide|individuel|video))?`;
const REACH =
  String.raw`(?:(?:en )?(?:parler|discuter|echanger)(?: (?:directement|en direct|en personne|de vive voix|rapidement))? (?:a|avec)` +
  String.raw`|(?:avoir|prendre|obtenir|reserver|fixer|caler|demander|booker|book|get|have|schedule) ${MEETING} (?:avec|with)|${MEETING} (?:avec|with)` +
  String.raw`|(?:talk|speak|chat) (?:to|with)|(?:contacter|joindre|appeler|rencontrer|contact|call|meet)` +
  // "avoir Inès au téléphone": "avoir" reaches a person only with the phone after the name, and
  // only a capitalised one ("je peux avoir coaching au téléphone ?" asks for a service).
  String.raw`|avoir(?= [\p{L}'-]+ (?:au telephone|par telephone|au tel|on the phone)))`;
/** On the lower-cased message: the request, then the word read as a name (group 1), then the rest of its sentence (group 2). */
const REQUEST = new RegExp(String.raw`(?:^|[\s,.;:!?(])${WANTS_TO} ${REACH} ([\p{L}'-]+)([^.!?]*)`, 'du');
/** All that may follow the name in its sentence. */
const COURTESY_OR_TIMING = new RegExp(
  String.raw`^(?:[\s,]|directement|en direct|en personne|de vive voix|s'il vous plait|s'il te plait|svp|stp|merci|please|rapidement|vite|des que possible|asap|aujourd'hui|demain|cette semaine|la semaine prochaine|ce matin|cet apres-midi|ce soir|au telephone|par telephone|au tel|en visio|si possible|c'est possible|est-ce possible|ce serait possible|possible|personnellement|elle-meme|lui-meme|directly|today|tomorrow|this week|in person|on the phone)*$`,
  'u',
);

/** Capitalised words that are not a person of the team. */
const NOT_A_TEAM_MEMBER: ReadonlySet<string> = new Set(
  `audrey carole canva instagram insta meta make zoom teams meet notion systeme google chatgpt gpt claude siri alexa
  je tu il elle on nous vous ils elles moi toi lui eux quelqu'un quelqu personne monsieur madame mademoiselle mme mr mlle
  dr docteur maitre dieu jesus noel paques halloween mamie papi maman papa bonjour merci lundi mardi mercredi jeudi vendredi
  samedi dimanche santa`.split(/\s+/),
);

/**
 * In a message typed all in lower case, words that may end such a request and are not a name:
 * timing and manner, people by their role (other rules hand those over), the visitor's own audience.
 */
const NOT_A_NAME_IN_LOWER_CASE: ReadonlySet<string> = new Set(
  `ensemble maintenant demain aujourd'hui directement rapidement vite bientot plus tard apres avant tot
  humain humaine humains conseiller conseillere conseillers coach coachs support sav service equipe team agence expert experte
  experts responsable responsables admin administrateur proprietaire fondatrice fondateur patron patronne gerant gerante
  assistant assistante agent agents robot bot ia ai someone anyone somebody human everyone
  client cliente clients clientes prospects abonnes abonnees followers communaute audience cible tous toutes tout gens monde
  quelqu'un quiconque personne celui celle ceux mes mon tes ton ses son nos notre vos votre leur leurs les des une cet cette
  ces quel quelle quels quelles nouveau distance propos plusieurs camera coeur voix cote deux trois quelques haute`.split(/\s+/),
);

/** Diacritics and typographic apostrophes removed, case kept ("à Nadia" → "a Nadia"). */
function foldKeepingCase(message: string): string {
  return message.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`´]/g, "'").replace(/\s+/g, ' ');
}

/** The request to reach a person of the team by first name, as written, or null. */
export function namedPersonRequested(message: string): string | null {
  const text = foldKeepingCase(message);
  const lower = text.toLowerCase();
  if (lower.length !== text.length) return null;
  const match = REQUEST.exec(lower);
  const nameAt = match?.indices?.[1];
  if (match === null || nameAt === undefined) return null;
  const name = text.slice(nameAt[0], nameAt[1]);
  const lowerName = name.toLowerCase();
  const allLowerCase = !/\p{Lu}/u.test(text);
  if (allLowerCase && / avoir $/.test(lower.slice(match.index, nameAt[0]))) return null;
  const readsAsName = allLowerCase
    ? name.length >= 3 && /^\p{Ll}+(?:-\p{Ll}+)*$/u.test(name) && !NOT_A_NAME_IN_LOWER_CASE.has(lowerName)
    : /^\p{Lu}\p{Ll}/u.test(name);
  if (!readsAsName || NOT_A_TEAM_MEMBER.has(lowerName) || PLATFORM_NAMES.has(lowerName)) return null;
  // A capitalised surname may follow ("Nadia Martin"); then only courtesy or timing. In lower case
  // nothing tells a surname from the rest of an idiom ("parler a coeur ouvert"): the name stands alone.
  const rest = text.slice(nameAt[1], nameAt[1] + match[2]!.length);
  const afterSurname = allLowerCase ? rest : rest.replace(/^ \p{Lu}\p{Ll}+(?=[\s,]|$)/u, '');
  if (!COURTESY_OR_TIMING.test(rest.toLowerCase()) && !COURTESY_OR_TIMING.test(afterSurname.toLowerCase())) return null;
  return text.slice(match.index, nameAt[1]).trim();
}
