import { questionTopicStems } from './question-words.ts';

/**
 * What a visitor says of themself before asking ("je suis naturopathe, comment trouver des idées de
 * posts ?", "je vends des bougies parfumées, pinterest ça vaut le coup ?"): context, not the topic.
 * Matched against the sources, its words are the rarest of the question (one document names
 * naturopaths: the agency's introduction) and outrank what is asked. The clause runs from its opening
 * words to the first punctuation; without punctuation after it, where the question starts cannot be
 * told and nothing is set aside. Words the question itself repeats stay topic words.
 */
const SELF_DESCRIPTION =
  /(?:^|[.!?;,:]\s*|\b(?:et|mais|alors|bonjour|salut|coucou|hello)\s+)((?:je suis|je vends|je vend|je fabrique|moi c'est|moi c’est|en tant que|ma boutique|mon métier|mon metier)\b[^.!?;,:]*)(?=[.!?;,:])/giu;
/**
 * "je suis" says who the visitor is when a noun follows ("je suis naturopathe", "je suis une
 * coach"), not a state or a place ("je suis bloquée sur Zapier", "je suis sur Kajabi", "je suis
 * nouvelle"): those clauses name the topic.
 */
const NOT_AN_IDENTITY = /^je suis (?:(?:un|une|vraiment|toute?|tres|très|encore|déjà|deja|pas)\s+)*(?:\S+(?:é|ée|és|ées)(?=\s|$)|sur|dans|en|à|a|au|chez|avec|pour|nouvelle|nouveau|perdue?|inscrite?|pr[eê]te?|sûre?|sure?|d[ée]butante?|partante?)(?=\s|$)/iu;
/** The topic stems of the clauses in which `message` describes the visitor, less those its question repeats. */
export function selfDescriptionStems(message: string): Set<string> {
  const clauses: string[] = [];
  const rest = message.replace(SELF_DESCRIPTION, (whole, clause: string) => {
    if (NOT_AN_IDENTITY.test(clause)) return whole;
    clauses.push(clause);
    return whole.replace(clause, ' ');
  });
  if (clauses.length === 0) return new Set();
  const asked = new Set(questionTopicStems(rest));
  // A message that is nothing but the description ("je suis naturopathe.") is about it.
  if (asked.size === 0) return new Set();
  return new Set(clauses.flatMap((clause) => questionTopicStems(clause)).filter((stem) => !asked.has(stem)));
}
