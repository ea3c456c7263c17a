import { spacedFoldedWords } from '../french-text/french-text.ts';

/**
 * A sentence that tells the visitor what to do: its main clause opens on a verb in the imperative, second person singular
 * (the knowledge bases say "tu"): "Écris la légende dans l'application…", "Pour que les sauts de ligne restent, écris…",
 * "Si une élève bloque, …", "Vérifie trois points…", "Ne transforme jamais…", "Relis-la". Read from the words' shapes, with
 * no list of verbs: the first word of the main clause (after an opening clause closed by a comma: "Pour…,", "Si…,",
 * "Dans…,") is neither a determiner, a pronoun nor another grammatical word, it ends as an imperative does (-e, -s, -x,
 * "va"), it is no label ("Monogramme (tes initiales…) : …"), and the word after it is one that follows an imperative (a
 * determiner, a pronoun, a preposition, an adverb, a figure), not a verb of which it would be the subject ("Make désactive…").
 */

/** Words that open a sentence without being a verb: determiners, pronouns, prepositions, conjunctions, adverbs. */
const NOT_A_VERB = new Set(
  (
    'le la les l un une des du de d ce cet cette ces ca cela celle celui ceux celles mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ' +
    'je j tu il elle on nous vous ils elles moi toi lui y c s qu que qui quoi dont ou et mais donc or ni car si pour par dans sur sous avec sans chez en au aux a ' +
    'tout toute tous toutes chaque plusieurs quelques certains certaines beaucoup peu plus moins tres trop aussi ainsi alors puis ensuite enfin ' +
    'souvent toujours jamais parfois deja encore meme comme quand lorsque depuis avant apres pendant entre vers selon oui non voici voila ' +
    'ici la bas autre autres aucun aucune rien personne chacun chacune une fois exemple astuce note attention important conseil rappel ' +
    'quel quelle quels quelles pas deux trois quatre cinq six sept huit neuf dix douze quinze vingt trente cent mille'
  ).split(' '),
);
/** An imperative's ending, second person singular: "écris", "choisis", "ajoute", "mets", "va", "fais". */
const IMPERATIVE_ENDING = /(?:e|s|x|^va)$/;
/** Words after which the first one is a subject, not an imperative: "Une relance récupère", "Kajabi permet", "Note : …". */
const FINITE_VERB_AFTER = / (?:est|sont|a|ont|permet|permettent|peut|peuvent|doit|doivent|fait|font|reste|restent|va|vont|se|s)$/;
/** Adverbs that follow an imperative besides the grammatical words: "Réponds personnellement…", "Vérifie bien…". */
const AFTER_AN_IMPERATIVE = new Set('bien mieux vite directement simplement systematiquement personnellement regulierement immediatement ici tot tard'.split(' '));
/** An opening clause before the main one: "Pour que…,", "Si…,", "Dans Stripe,", "Une fois…,", "Au besoin,". */
const OPENING_CLAUSE = /^(?:pour|si|s|dans|avant|apres|quand|lorsque|une fois|des|depuis|en cas|sur|au besoin|ensuite|puis|enfin|d abord|sinon|pour cela|pour ca)\b[^,]{0,120},/;

export function tellsWhatToDo(sentence: string): boolean {
  // "Oui. Dans les réglages…, active…": the instruction after a bare yes or no.
  const raw = sentence.replace(/^[^\p{L}\p{N}]+/u, '').replace(/^(?:oui|non)\s*[.!]\s*/iu, '');
  const clause = OPENING_CLAUSE.test(spacedFoldedWords(raw.split(',')[0]! + ',').trim() + ',') ? raw.slice(raw.indexOf(',') + 1) : raw;
  const words = spacedFoldedWords(clause).trim().split(' ');
  // "Ne transforme jamais…", "N'hésite pas…": the negative imperative.
  const [first, second] = words[0] === 'ne' || words[0] === 'n' ? [words[1], words[2]] : [words[0], words[1]];
  if (first === undefined || NOT_A_VERB.has(first) || first.length < 2 || !IMPERATIVE_ENDING.test(first)) return false;
  // "Monogramme (tes initiales…) : …", "Astuce : …": a label (a table row's first cell), not a verb.
  if (/^\S+\s*[(:]/u.test(clause.trim())) return false;
  // "Relis-la", "Envoie-lui", "Affiche-le": a pronoun joined by a hyphen is the imperative's own.
  if (new RegExp(`^[^\\s]*?${first.slice(0, 3)}\\S*-(?:la|le|les|lui|leur|moi|toi|en|y)\\b`, 'iu').test(clause.trim())) return true;
  // An imperative is followed by its object's determiner or pronoun, a preposition, an adverb or a figure ("Ajoute tes
  // questions", "Va dans…", "Garde 10 minutes"); a subject by its verb ("Make désactive un scénario…", "Kajabi permet…").
  return second === undefined || ((NOT_A_VERB.has(second) || /^\d/.test(second) || AFTER_AN_IMPERATIVE.has(second)) && !FINITE_VERB_AFTER.test(` ${second}`));
}
