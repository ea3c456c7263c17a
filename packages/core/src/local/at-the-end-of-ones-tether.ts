/**
 * Two plain ways of saying one is at one's limit, said of oneself (blind round 21: "jsuis a bout, jdors plus, je pleure tout
 * le temps et jarrive plus a bosser" got Audrey; "je traverse une période horrible, je dors plus depuis des semaines" after a
 * question on a mail signature too):
 * - "à bout" after "je suis", "je me sens" (also SMS "jsuis", "chui"), or "à bout de nerfs / de forces": the state, not
 *   "venir à bout de mes mails" (to get through them), nor a tool or a task one is exasperated with ("je suis à bout avec
 *   Kajabi", "à bout de souffle sur Instagram": the experts').
 * - No longer sleeping ("je dors plus", "je ne dors plus depuis des semaines", "je dors presque plus la nuit"): with the end
 *   of the clause, a time, "du tout", "la nuit" or the next clause after it; not "je dors plus tranquille depuis que tout est
 *   automatisé", "je dors plus que 5 heures" (how, or how long), nor the idiom of a worry
 *   ("je n'en dors plus tellement j'ai peur de rater mon lancement", fresh wordings of round 21: a worry about a task).
 * Part of LOW_MOOD (escalation-out-of-scope.ts), which the first person before it makes the visitor's own, in the plain
 * form ("j suis") and the folded form with its apostrophes ("j'suis").
 */
const A_TOOL_OR_TASK = String.raw`(?: (?:avec|sur|a cause d|pour|de (?:mon|ma|mes|ce|cette|ces)|niveau|cote|question)(?![a-z]))`;
/**
 * Words given to a content or said by someone else, not the visitor's state (review of round 21: "je veux écrire un post qui
 * commence par « je dors plus depuis des mois »", "ma légende : je dors plus, je mange plus…", "ma cliente me dit « je suis
 * à bout », je lui réponds quoi ?", "une abonnée m'a écrit en DM « je dors plus »" were handed over as low mood): right after
 * a content that holds words (a caption, a script, a hook, "un post qui commence par"), or a message reported word for word
 * ("me dit", "m'a écrit", no "que": "mon médecin me dit que je suis à bout" stays hers). The quotation marks are gone from
 * the plain form; a bare "une story, je suis à bout" stays hers (she may have just posted it).
 */
const GIVEN_WORDS = String.raw`(?:(?:legendes?|scripts?|accroches?|hooks?|titres?|citations?|slogans?)(?: (?:de|d|du) (?:(?:mon|ma|mes|la|le|l|un|une) )?[a-z]+)?|(?:qui )?(?:commence|commencent|debute|debutent) par|qui (?:dit|disent)|intitulee?s?|(?:me|m) (?:dit|disent|a dit|ont dit|ecrit|ecrivent|a ecrit|ont ecrit|repete|repetent|envoie|a envoye)(?: (?:en|par) (?:dm|mp|message prive|message|mail|commentaire))?)`;
const NOT_GIVEN_WORDS = String.raw`(?<!\b${GIVEN_WORDS} (?:(?:je|j|tu) )?(?:(?:ne|n) )?)`;
/** Out of breath with a tool or an account ("je suis à bout de souffle sur Instagram") is not her state either. */
const AT_ONES_LIMIT = String.raw`(?:(?:j[ ']?)?suis|chui|je me sens|me sens) (?:vraiment |completement |totalement |tellement |a nouveau |encore )?a bout(?!(?: de (?:nerfs|forces|souffle))?${A_TOOL_OR_TASK})(?: de (?:nerfs|forces))?`;
const NO_LONGER_SLEEPING = String.raw`(?<!\ben )(?:ne |n[ ']?)?(?<!\ben )dors (?:plus|presque plus|quasiment plus|plus du tout|pas depuis|plus depuis)(?= depuis| du tout| la nuit| de la nuit| des nuits| la| et | je | j[ ']| ,|$| plus|[ ]?[,.;!?])`;
export const AT_THE_END_OF_ONES_TETHER = `(?:${NOT_GIVEN_WORDS}${AT_ONES_LIMIT}|${NOT_GIVEN_WORDS}${NO_LONGER_SLEEPING})`;
