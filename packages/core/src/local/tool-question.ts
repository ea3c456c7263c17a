import { contentStems, foldFrench } from '../french-text/french-text.ts';
import { PLATFORM_NAMES } from './platform-names.ts';

/**
 * A question asking which tool to use ("quel outil pour faire mes visuels ?", "quelle appli pour monter mes Reels ?", "je
 * la fais avec quoi ?", "what app should I use?"): the line that names one answers it, not the guide's first line on the
 * topic (a probe of `pnpm start`, 2026-12-05: "quel outil pour faire mes visuels ?" opened with "Une identité visuelle
 * cohérente fait qu'on reconnaît tes contenus…", the Canva guide's "Dans Canva, enregistre tes couleurs…" further down).
 * quantity-question.ts reads it as one more kind of thing asked; the answerer's bonus for a passage stating it does the rest.
 */

/**
 * In folded text, apostrophes and hyphens as spaces. Not "comment faire avec mes outils" (a how-to naming tools), nor "avec
 * quoi je me connecte si j'ai oublié mon mot de passe ?" ("avec quoi je…" asks for a tool with a verb of making: je fais,
 * je monte, je facture…; a review of the day's changes found the login question had lost "Mot de passe oublié ?").
 */
const ASKS_FOR_A_TOOL =
  /\b(?:quel(?:le)?s? (?:est |sont )?(?:le |la |les |ton |ta |tes |votre |vos )?(?:meilleure?s? |bons? |bonnes? )?(?:outils?|applis?|applications?|logiciels?|plateformes?|apps?|services?|solutions?)\b|quoi comme (?:outils?|applis?|applications?|logiciels?|plateformes?)\b|(?:avec|sur) quoi (?:je|tu|on|vous) (?:(?:les?|la|l) )?(?:fais|fait|faites|faire|cree|crees|creez|creer|monte|montes|montez|gere|geres|gerez|envoie|envoies|envoyez|programme|programmes|programmez|facture|factures|facturez|travaille|travailles|travaillez|realise|realises|dessine|dessines|ecris|ecrit|ecrivez|enregistre|enregistres|filme|filmes|edite|edites|heberge|heberges|vends|vend|vendez)\b|(?:avec|sur) quoi \??$|(?:what|which) (?:tools?|apps?|software|platforms?)\b)/;

export function asksForATool(foldedQuestion: string): boolean {
  return ASKS_FOR_A_TOOL.test(foldedQuestion);
}

/**
 * Tools the experts' guides name that PLATFORM_NAMES leaves out because they are also everyday words or the experts' own
 * field ("make", "notion", "canva", "later"): here the question asks for a tool, so a line naming one names a tool.
 */
const MORE_TOOL_NAMES: ReadonlySet<string> = new Set(
  'canva capcut notion make manychat metricool planoly inshot gmail outlook sheets excel agorapulse hootsuite buffer zoom tally systeme meta'.split(' '),
);
const isToolName = (folded: string) => PLATFORM_NAMES.has(folded) || MORE_TOOL_NAMES.has(folded);

/** The tool names a text names (folded). */
const toolNamesOf = (text: string): string[] => foldFrench(text).split(/[^a-z0-9]+/).filter(isToolName);

/**
 * The words of the question a line naming a tool must not merely repeat (stems): "capcut ou inshot ?" asks to choose
 * between them, and "Reel", written with a capital in a guide, is the question's topic, not a tool.
 */
export function wordsOfTheQuestion(question: string): string[] {
  return [...new Set([...contentStems(question), ...toolNamesOf(question)])];
}

const isTheQuestions = (word: string, questionWords: readonly string[]) => questionWords.includes(foldFrench(word)) || questionWords.includes(contentStems(word)[0] ?? '');

/**
 * Whether a passage names a tool other than those of the question: a known name ("Dans Canva, enregistre…"), or a word
 * written with a capital inside its sentence ("relie ton formulaire à Google Sheets", "programme-les dans Brevo"). Not a
 * capital after a sentence's end, a colon, a quote or a bullet, not an all-capitals word ("GRATUIT", "PDF"), nor a word of
 * the question (`questionWords`, wordsOfTheQuestion).
 */
export function namesATool(passage: string, questionWords: readonly string[]): boolean {
  if (toolNamesOf(passage).some((name) => !isTheQuestions(name, questionWords))) return true;
  const capitalised = passage.matchAll(/(?<![.!?:«"“(>•–-]\s*|^\s*)(?<=\s)(\p{Lu}[\p{Ll}]+(?:\p{Lu}[\p{Ll}]+)?)/gu);
  return [...capitalised].some((match) => !isTheQuestions(match[1]!, questionWords) && !NOT_TOOLS.has(foldFrench(match[1]!)));
}

/** Capitalised words of the guides that are no tools: the experts' names, days and months written with a capital. */
const NOT_TOOLS: ReadonlySet<string> = new Set('audrey carole lundi mardi mercredi jeudi vendredi samedi dimanche janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre'.split(' '));
