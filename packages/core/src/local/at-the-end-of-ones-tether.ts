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
const AT_ONES_LIMIT = String.raw`(?:(?:j[ ']?)?suis|chui|je me sens|me sens) (?:vraiment |completement |totalement |tellement |a nouveau |encore )?a bout(?: de (?:nerfs|forces))?(?!${A_TOOL_OR_TASK})`;
const NO_LONGER_SLEEPING = String.raw`(?<!\ben )(?:ne |n[ ']?)?(?<!\ben )dors (?:plus|presque plus|quasiment plus|plus du tout|pas depuis|plus depuis)(?= depuis| du tout| la nuit| de la nuit| des nuits| la| et | je | j[ ']| ,|$| plus|[ ]?[,.;!?])`;
export const AT_THE_END_OF_ONES_TETHER = `(?:${AT_ONES_LIMIT}|${NO_LONGER_SLEEPING})`;
