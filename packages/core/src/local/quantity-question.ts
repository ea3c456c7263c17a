import { contentStems, foldFrench } from '../french-text/french-text.ts';
import { asksForATool, namesATool, wordsOfTheQuestion } from './tool-question.ts';

/**
 * A question that asks for an amount or a moment: a day of the week ("quel jour envoyer ma
 * newsletter ?"), a time of day ("à quelle heure publier mes Reels ?", "vos horaires ?"), a price ("C'est combien Forêt ?", "ça coûte combien ?", "quel
 * est le prix de Canopée ?") or a count of something it names ("combien d'emails dans la séquence ?",
 * "how many hashtags?"). Its framing words are not matched against the sources
 * (french-text/question-words.ts), so without this cue the answerer cannot tell the sentence that
 * states it ("Prix : 3 900 €", "5 emails sur 10 jours", "Envoie le jeudi à 10 h") from one that only
 * names the subject.
 * A length of time ("combien de temps doit durer un Reel ?", "la séance dure combien ?", "how long")
 * is one when a passage states a figure followed by its unit of time ("Vise 15 à 30 secondes"):
 * any figure was too broad a cue (it brought filler), a figure of time is what such a question wants.
 */
export type QuantityAsked =
  /** `questionWords`: the stems of the question (wordsOfTheQuestion), to tell a thing it names from another "gratuit" one. */
  | { kind: 'price'; questionWords?: readonly string[] }
  | { kind: 'count'; nounStem: string }
  /** "quel jour envoyer ma newsletter ?": a day of the week. */
  | { kind: 'weekday' }
  /** "à quelle heure publier ?", "c'est quoi vos horaires ?": a time of day. */
  | { kind: 'time-of-day' }
  /** "combien de temps doit durer un Reel ?", "la séance dure combien ?": a length of time. */
  | { kind: 'duration' }
  /** "combien Substack prend sur mes abonnements ?", "quelle commission ?": a fee or a cut, a price or a percentage. */
  | { kind: 'fee' }
  /** "quelles tailles je dois exporter ?", "quel format pour mon logo ?", "what size?": dimensions in pixels, points or a ratio. */
  | { kind: 'dimensions' }
  /** "combien de place pour une poule ?", "quelle surface ?", "quel espace entre deux plants ?": room, an area or a distance. */
  | { kind: 'room' }
  /** "c'est quoi un bon taux de conversion ?", "quel taux d'ouverture est normal ?", "what's a good open rate?": a percentage. */
  | { kind: 'rate' }
  /** "à quelle fréquence envoyer ma newsletter ?", "je poste combien de fois par semaine ?", "how often": how often. */
  | { kind: 'frequency' }
  /** "quel outil pour faire mes visuels ?", "je la fais avec quoi ?": a tool or a platform, other than those the question names (tool-question.ts). */
  | { kind: 'tool'; questionWords: readonly string[] };

/** "quel jour", "which day": not "quels jours fériés" nor "combien de jours". */
const ASKS_FOR_A_WEEKDAY = /\b(?:quel(?:le)?s? jours? (?!ferie)|(?:which|what) days?\b)/;
/** "à quelle heure", "what time", "vos horaires", "c'est quoi les horaires", "quel créneau". */
const ASKS_FOR_A_TIME_OF_DAY =
  /\b(?:quelles? heures?|what time|quels? (?:sont )?(?:les |vos )?(?:horaires?|creneaux?)|(?:c est quoi|ce sont) (?:les |vos )?horaires?|vos horaires?|opening hours|your hours)\b/;
const WEEKDAY = /\b(?:lundis?|mardis?|mercredis?|jeudis?|vendredis?|samedis?|dimanches?|mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?)\b/;
/** "11 h 30", "18h", "10:00", "midi": a clock time. */
const TIME_OF_DAY = /\b\d{1,2} ?h(?: ?\d{2})?\b|\b\d{1,2}:\d{2}\b|\b\d{1,2} ?(?:am|pm)\b|\bmidi\b|\bminuit\b/;

/**
 * Room: "combien de place", "combien d'espace", "quelle surface", "quelle superficie", "combien de m²". Read as a count of
 * "places", no passage stated it, and the hens guide's first line ("Les poules muent à l'automne…") led "Combien de place
 * faut-il pour une poule pondeuse ?" over "Compte au moins 10 m² de parcours par poule." (a reviewer's knowledge base).
 */
const ASKS_FOR_ROOM = /\b(?:combien (?:de|d) (?:place|espace|surface|superficie|m2|metres? carres?)|quel(?:le)? (?:est (?:la |l )?)?(?:surface|superficie|espace(?:ment)?)|how much (?:room|space))\b/;
/** A passage stating room: "10 m²", "1 m2", "3 mètres carrés", "50 cm", "2 m", "1 hectare". */
const STATES_ROOM = /\d\s?(?:m²|m2|cm|mm|m|metres?|hectares?|ha)\b|\d\s?m²/;

/** "combien d'emails", "combien de slides", "how many hashtags", "nombre de posts": the noun counted (group 1). */
const ASKS_FOR_A_COUNT = /\b(?:combien (?:de|d)|how many|nombre (?:(?:ideal|conseille|recommande|optimal|parfait|maximum|max|minimum|min) )?(?:de|d)) ([a-z][a-z-]+)\b/;
/** Nouns a count question may name that are not counted things. */
const NOT_COUNTED = new Set(contentStems('fois times euros euro argent sous gens personnes monde chose choses'));
/** Nouns a count question may name that make it a length of time ("combien de temps", "combien de jours"). */
const TIME_NOUNS = new Set(contentStems('temps heures heure minutes secondes jours semaines mois ans annees'));
/**
 * A price: "ça coûte combien", "c'est combien", "combien pour Forêt", "quel est le prix", "how much",
 * "c'est gratuit ?", "elle est payante ?".
 * Not a how-to about prices ("comment calculer le prix de mes séances", "à combien vendre mes
 * séances ?") nor how often ("je dois poster combien par semaine ?").
 */
const ASKS_FOR_A_PRICE =
  /\b(?:(?:c est|est ce que c est|est ce|c etait|il est|elle est|ils sont|elles sont|sont ils|est il|est elle) (?:gratuite?s?|payante?s?)|combien (?:ca |ça )?(?:coute\w*|vaut|valent|fait|faut il payer|je dois payer|on paie|on paye)|coute\w* combien|c est combien|combien pour|how much|quel(?:le)?s? (?:est |sont )?(?:le |la |les |vos |votre )?(?:prix|tarifs?|couts?)|what(?: is| s) the (?:price|cost))\b/;
/**
 * A length of time: "combien de temps", "quelle durée", "how long", "ça dure combien", "doit durer".
 * Not a how-to about it ("comment réduire la durée de mes vidéos ?") nor a deadline ("d'ici quand").
 */
const ASKS_FOR_A_DURATION =
  /\b(?:combien de temps|how long|quelle (?:est (?:la |sa )?)?duree|c est quoi (?:la |sa )duree|(?:la |sa )duree (?:ideale|conseillee|recommandee|optimale|parfaite|maximale|minimale|max|min)\b|(?:dure|durent|durer|durera|dureront) combien|combien (?:ca |ça |il |elle |ils |elles )?(?:dure|durent|durer)|(?:doit|doivent|devrait|devraient|faut il) (?:il |elle |ils |elles )?(?:durer|faire))\b/;
/**
 * How often: "à quelle fréquence", "combien de fois (par semaine)", "tous les combien", "quel rythme", "how often" (a probe,
 * 2026-12-05: "à quelle fréquence envoyer ma newsletter ?" never quoted "Une newsletter toutes les semaines ou tous les quinze
 * jours suffit", its "fréquence" matched "Les causes fréquentes" instead). Before a count: "fois" is no thing counted.
 */
const ASKS_HOW_OFTEN = /\b(?:a quelle frequence|quelle (?:est (?:la |ta |sa )?)?frequence|combien de fois|tous les combien|toutes les combien|(?:a )?quel rythme|how often|how many times)\b/;
/** A passage stating how often: "par semaine", "toutes les semaines", "tous les quinze jours", "chaque mois", "deux fois", "hebdomadaire", "every week". */
const STATES_A_FREQUENCY =
  /\b(?:par (?:jour|semaine|mois|an|annee|trimestre)|(?:tous|toutes) les (?:(?:deux|trois|quatre|quinze|\d+) )?(?:jours|semaines|mois|ans|trimestres)|chaque (?:jour|semaine|mois|annee|trimestre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|matin|soir)|(?:une|deux|trois|quatre|cinq|\d+) fois|quotidien\w*|hebdomadaire\w*|mensuel\w*|(?:once|twice) a|per (?:day|week|month)|every (?:day|week|month))\b/;
/** A figure's unit of time: "15 secondes", "30 s", "6 mois", "three years" (not "h": "à 10 h" is a clock time). */
const TIME_UNIT = /^(?:secondes?|s|sec|minutes?|mins?|heures?|jours?|semaines?|mois|ans?|annees?|seconds?|hours?|days?|weeks?|months?|years?)$/;
/**
 * A fee or a cut a platform or a partner takes: "combien Substack prend sur mes abonnements", "ça
 * garde combien ?", "quel pourcentage prend Podia", "quels sont les frais" (blind round 13: the line
 * "Substack prend 10 % des revenus payants" came sixth, the question read as no amount asked).
 */
const ASKS_FOR_A_FEE =
  /\b(?:combien (?:\S+ ){0,2}(?:prend|prennent|garde|gardent|touche|touchent|retient|retiennent|preleve|prelevent|recupere|recuperent)\b|(?:prend|prennent|garde|gardent|touche|touchent|retient|retiennent|preleve|prelevent)(?: \S+)? combien|quel(?:le)?s? (?:est |sont )?(?:le |la |les |sa |son |ses |leur |leurs )?(?:pourcentage|commission|frais)\b)/;
/**
 * A rate asked: "quel taux", "un bon taux de conversion", "le taux normal", "what's a good open rate", "what percentage" (a probe
 * of `pnpm start`, 2026-12-05: "c'est quoi un bon taux de conversion pour une page de vente ?" quoted what a sales page holds,
 * not "ajuste ta page si moins de 2 % des visiteuses achètent"). Not "c'est quoi le taux de passage ?", what a rate is.
 */
const ASKS_FOR_A_RATE =
  /\b(?:quel(?:le)?s? (?:est |sont )?(?:le |les |un |mon |ton )?taux|(?:un|une|le|des) (?:bons?|bonnes?|mauvais) taux|taux (?:\S+ ){0,3}(?:normal|normaux|moyen|moyens|correct|corrects|ideal|acceptable|raisonnable)|(?:what s|what is) (?:a |the )?(?:good |normal |average |typical )?(?:\S+ )?(?:rate|percentage)|(?:good|normal|average|typical) (?:\S+ )?rate)\b/;

/**
 * Dimensions: "quelle(s) taille(s)", "quelles dimensions", "quel format", "quelle résolution", "combien de pixels", "what
 * size" (blind round 18: "Je fais mon logo moi-même sur Canva, quelles tailles je dois exporter ?" led with a mistake of the
 * list, "Un symbole trop détaillé, illisible une fois réduit à la taille d'une photo de profil.", not with the table giving
 * each version's size in pixels). Not "quelle taille de groupe" (a count of people) nor a how-to ("comment réduire la taille").
 */
const ASKS_FOR_DIMENSIONS =
  /\b(?:quel(?:le)?s? (?:est |sont )?(?:la |les |le )?(?:tailles?|dimensions?|format|formats(?! de)|resolutions?)(?! (?:de|du|des) (?:groupe|liste|audience|equipe)s?\b)|combien de pixels|en pixels|(?:what|which) (?:size|dimensions?|format|resolution)s?)\b/;
/**
 * A passage stating dimensions: "1 080 × 1 350 px", "1500 px de large", "64 pt", "21 cm". Not a ratio alone ("en 3:4"), nor
 * a few pixels, a margin or a test rather than an image's size ("une marge d'environ 50 px", "Affiche-le en 40 pixels de
 * large": they led "quelle taille en pixels pour mes publications", "quelles tailles je dois exporter").
 */
const STATES_DIMENSIONS = /\d\s?[×x]\s?\d|\d{3}\s?(?:px|pixels?)\b|\d\s?(?:pt|cm|mm)\b/i;
/**
 * The words that ask for dimensions ("taille", "format", "dimensions", "pixels", and those the search adds to them): when
 * dimensions are asked, a passage holds them when it states dimensions ("1 500 px de large"), not when it says the word
 * (blind round 18: "quelles tailles je dois exporter ?" led with "Un symbole trop détaillé, illisible une fois réduit à la
 * taille d'une photo de profil.", whose "taille" was the question's rarest word).
 */
const DIMENSION_WORDS: ReadonlySet<string> = new Set(contentStems('taille tailles dimension dimensions format formats résolution pixel pixels size'));

/**
 * A passage's stems (or its heading's, its title's: `text` empty) as they match a question asking for dimensions: without the
 * words that ask for them, with those of the question when the text states dimensions. Unchanged for any other question.
 */
export function dimensionsWordsAsFigures(stems: Set<string>, text: string, questionStems: ReadonlySet<string>, quantity: QuantityAsked | null): Set<string> {
  if (quantity?.kind !== 'dimensions') return stems;
  const asked = [...questionStems].filter((stem) => DIMENSION_WORDS.has(stem));
  const topic = new Set([...stems].filter((stem) => !DIMENSION_WORDS.has(stem)));
  if (STATES_DIMENSIONS.test(text)) for (const stem of asked) topic.add(stem);
  return topic;
}

/**
 * The words that ask how long or name a unit of time ("quelle durée pour un reel", "combien de temps doit durer…", "Mon reel
 * fait 2 minutes, c'est trop long ?"): a chunk holding only them, none of what the question is about, is not about it (the
 * lexical reranker, a probe, 2026-12-05: "Durée d'accès aux contenus" came before the Reel guide's "Vise 15 à 30 secondes").
 */
export const DURATION_WORDS: ReadonlySet<string> = new Set(
  contentStems('durée durer dure durent temps longtemps long longue court courte seconde secondes minute minutes heure heures jour jours semaine semaines mois année années'),
);

/** A second question in the same message ("Combien coûte Graine et est-ce que les séances sont enregistrées ?"). */
const ANOTHER_QUESTION = /\?.*\S.*\?|\b(?:et|mais|aussi) (?:est ce que|est ce qu|comment|pourquoi|quel(?:le)?s?|ou|quand|qui|que|qu|peut on|puis je|on peut|je peux|faut il|y a t il)\b/;

/** The amount the question asks for; null when it asks for none, or also asks something else (the bonus would crowd that answer out). */
export function quantityAskedBy(question: string): QuantityAsked | null {
  const text = withEmailJoined(foldFrench(question)).replace(/['’-]/g, ' ').replace(/\s+/g, ' ').trim();
  if (ANOTHER_QUESTION.test(text)) return null;
  if (ASKS_FOR_ROOM.test(text)) return { kind: 'room' };
  if (ASKS_HOW_OFTEN.test(text)) return { kind: 'frequency' };
  const counted = ASKS_FOR_A_COUNT.exec(text);
  if (counted) {
    const nounStem = contentStems(counted[1]!)[0];
    if (nounStem !== undefined && TIME_NOUNS.has(nounStem)) return { kind: 'duration' };
    if (/^pixels?$/.test(counted[1]!)) return { kind: 'dimensions' };
    if (nounStem === undefined || NOT_COUNTED.has(nounStem)) return null;
    return ['euro', 'dollar'].includes(nounStem) ? { kind: 'price' } : { kind: 'count', nounStem };
  }
  if (ASKS_FOR_A_WEEKDAY.test(text)) return { kind: 'weekday' };
  if (ASKS_FOR_A_TIME_OF_DAY.test(text)) return { kind: 'time-of-day' };
  if (ASKS_FOR_A_DURATION.test(text)) return { kind: 'duration' };
  if (ASKS_FOR_A_FEE.test(text)) return { kind: 'fee' };
  if (ASKS_FOR_A_RATE.test(text)) return { kind: 'rate' };
  if (ASKS_FOR_DIMENSIONS.test(text)) return { kind: 'dimensions' };
  if (asksForATool(text)) return { kind: 'tool', questionWords: wordsOfTheQuestion(question) };
  return ASKS_FOR_A_PRICE.test(text) || ASKS_BARELY_FOR_A_PRICE.test(text) ? { kind: 'price', questionWords: wordsOfTheQuestion(question) } : null;
}

/** A follow-up naming only the price: "et le prix ?", "les tarifs ?", "et son coût ?" (the whole message). */
const ASKS_BARELY_FOR_A_PRICE = /^(?:et )?(?:le|les|son|ses|leur|leurs|ton|tes|votre|vos) (?:prix|tarifs?|couts?)(?: (?:alors|du coup|svp|stp))? ?\??$/;

const STATES_A_FIGURE_WITH_ITS_CURRENCY = /\d\s?(?:€|euros?\b|eur\b|\$|chf\b)|(?:€|\$)\s?\d/i;
/** A price: a figure with its currency, or free. */
const STATES_A_PRICE = new RegExp(`${STATES_A_FIGURE_WITH_ITS_CURRENCY.source}|\\bgratuite?s?\\b|\\bfree\\b`, 'i');
/**
 * "gratuit" with the word before it (group 1: absent at the start), across a bracket or a quotation mark: "Brevo (gratuit
 * jusqu'à 300 emails par jour)" says Brevo is free; "un objet qui ressemble à de la publicité (« GRATUIT !!! »)" says
 * nothing is (it led "Zapier c'est gratuit ?", review of round 21: the quoted word counted as one at the start).
 */
const FREE_WITH_THE_WORD_BEFORE = /(?:([\p{L}\d%]+)[\s'’(«"“-]+)?gratuite?s?\b/giu;
/**
 * Words after which "gratuit" says a thing is free ("c'est gratuit", "elle reste gratuite", "100 % gratuit"), not which
 * thing ("ton offre gratuite", "un webinaire gratuit").
 */
const SAYS_IT_IS_FREE = new Set('est sont reste restent devient deviennent etait etaient sera seront totalement entierement completement toujours 100 %'.split(' '));

/**
 * Whether "gratuit" in a passage may say that the thing asked is free: said of it ("c'est gratuit", "Gratuit :"), or
 * after a word of the question ("le plan gratuit de Kit" for "Kit c'est gratuit ?"). "Crée un formulaire… pour ton offre
 * gratuite" names another free thing: it led "combien coûte kajabi ?" (a probe of `pnpm start`, 2026-12-05).
 */
function saysTheThingAskedIsFree(passage: string, questionWords: readonly string[]): boolean {
  for (const match of foldFrench(passage).matchAll(FREE_WITH_THE_WORD_BEFORE)) {
    const before = match[1];
    if (before === undefined || SAYS_IT_IS_FREE.has(before) || questionWords.includes(before) || questionWords.includes(contentStems(before)[0] ?? '')) return true;
  }
  return /\bfree\b/i.test(passage);
}
const STATES_A_PERCENTAGE = /\d\s?%|\bpour ?cent\b|\bpercent\b/i;
/**
 * A figure, in digits or in words; French compounds with their hyphens ("quarante-huit", "soixante-douze", "quatre-vingt-dix":
 * blind round 16's "Quarante-huit à soixante-douze heures." did not state a length of time).
 */
const NUMBER_WORD = /^(?:\d+(?:[.,]\d+)?|(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille)(?:-(?:et-)?(?:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|cents?))*|two|three|four|five|six|seven|eight|nine|ten|twenty)$/;
/** Words between a figure and the noun it counts ("5 emails", "3 à 5 courts emails"). */
const MAX_WORDS_BETWEEN = 2;

/**
 * "e-mail", "e mail" as one word, "email" (folded text): split, "combien d'e-mails ?" counted the
 * noun "e" and asked nothing, and "5 e-mails" counted "mail", not the "email" asked (a blind probe, 2026-12-04).
 */
export const withEmailJoined = (folded: string): string => folded.replace(/\be[- ]?(mails?)\b/g, 'e$1');

/** Whether a passage states the amount asked: a price (a figure with its currency, or free), or a figure of the noun counted. */
export function statesQuantity(passage: string, asked: QuantityAsked): boolean {
  if (asked.kind === 'price') {
    if (asked.questionWords === undefined) return STATES_A_PRICE.test(passage);
    return STATES_A_FIGURE_WITH_ITS_CURRENCY.test(passage) || saysTheThingAskedIsFree(passage, asked.questionWords);
  }
  if (asked.kind === 'tool') return namesATool(passage, asked.questionWords);
  if (asked.kind === 'fee') return STATES_A_PRICE.test(passage) || STATES_A_PERCENTAGE.test(passage);
  if (asked.kind === 'rate') return STATES_A_PERCENTAGE.test(passage);
  if (asked.kind === 'weekday') return WEEKDAY.test(foldFrench(passage));
  if (asked.kind === 'time-of-day') return TIME_OF_DAY.test(foldFrench(passage));
  if (asked.kind === 'dimensions') return STATES_DIMENSIONS.test(passage);
  if (asked.kind === 'room') return STATES_ROOM.test(foldFrench(passage));
  if (asked.kind === 'frequency') return STATES_A_FREQUENCY.test(foldFrench(passage));
  const words = withEmailJoined(foldFrench(passage)).match(/[a-z0-9][a-z0-9.,-]*/g) ?? [];
  // The unit right after its figure ("15 à 30 secondes", "6 mois"): "3 Reels par semaine" is how often, not how long.
  if (asked.kind === 'duration') return words.some((word, index) => NUMBER_WORD.test(word.replace(/[.,]+$/, '')) && TIME_UNIT.test((words[index + 1] ?? '').replace(/[.,]+$/, '')));
  return words.some(
    (word, index) =>
      NUMBER_WORD.test(word) && words.slice(index + 1, index + 2 + MAX_WORDS_BETWEEN).some((next) => contentStems(next)[0] === asked.nounStem),
  );
}
