/**
 * Stems for the French verb families whose forms the suffix rules of the stemmer (french-text.ts)
 * cannot join, because their present tense, past participle or derived noun changes the end of
 * the root: "inscrire" / "inscris" / "inscrit" / "inscrivez" / "inscription", "répondre" /
 * "répondu" / "réponse", "produire" / "produisez" / "production" / "producteur", "choisir" /
 * "choisissez". Each rule is a family of endings, not a list of verbs: "-crire" covers écrire,
 * décrire, inscrire, désinscrire, souscrire; "-duire" and "-struire" cover produire, traduire,
 * réduire, conduire, introduire, construire, instruire; "-ndre" / "-rdre" cover répondre, vendre,
 * attendre, rendre, perdre.
 *
 * Takes a folded word whose plural is already removed ("inscris" arrives as "inscri",
 * "écrivais" as "ecrivai"); gives undefined when no family claims it.
 */

type VerbFamilyRule = {
  readonly name: string;
  /** The first group is the family's stem. */
  readonly pattern: RegExp;
  /** Appended to the first group: the stem of "réponse" is "répond", as that of "répondre". */
  readonly stemEnding: string;
};

/**
 * Endings of the imperfect, the present participle and the persons that keep the root's extra
 * consonant. Not "-ions" (as "choisissions"): nouns end so ("commission", "permission").
 */
const EXTENDED_ROOT_ENDINGS = '(?:ez|ent|on|ai|ait|aient|ant|iez)';

const VERB_FAMILY_RULES: readonly VerbFamilyRule[] = [
  {
    // écrire, écris, écrit(e), écrivez, écrivent, écrivais, écriture; inscrire, inscription.
    name: 'crire',
    pattern: new RegExp(`^(.+cri)(?:re|t|te|v|ve|v${EXTENDED_ROOT_ENDINGS}|ption|ture)?$`),
    stemEnding: '',
  },
  {
    // produire, produis, produit(e), produisez, produisent, production, producteur; construire,
    // construction. The stem ends in -uct ("construct"), as the nouns do, so that "instrument"
    // ("instru" once -ment is removed) stays apart from "instruction".
    name: 'duire-struire',
    pattern: new RegExp(`^(.+(?:d|str)u)(?:ire|i|it|ite|is|ise|is${EXTENDED_ROOT_ENDINGS}|ction|cteur|ctrice)$`),
    stemEnding: 'ct',
  },
  {
    // répondre, répondu(e), répondant; vendre, vendu; perdre, perdu. "réponds", "répondez" and
    // "répondent" lose their endings by the ordinary rules and meet "répond" there.
    name: 'ndre-rdre',
    pattern: /^(.{2,}[nr]d)(?:re|u|ue)$/,
    stemEnding: '',
  },
  {
    // réponse (répondre): the only noun of its kind ending in -onse.
    name: 'onse',
    pattern: /^(.{2,}o)nse$/,
    stemEnding: 'nd',
  },
  {
    // choisir, choisis, choisie, choisissez, choisissent; réussir, réussi. Not -air ("clair"),
    // -oir ("savoir", "soir"), -eir, and the root keeps at least 3 letters before its i ("lire", "dire", "rire" stay).
    name: 'ir-iss',
    pattern: new RegExp(`^(.{3,}[^aoeu]i)(?:r|ss${EXTENDED_ROOT_ENDINGS})$`),
    stemEnding: '',
  },
];

export function verbFamilyStem(wordWithoutPlural: string): string | undefined {
  for (const rule of VERB_FAMILY_RULES) {
    const match = rule.pattern.exec(wordWithoutPlural);
    if (match !== null) return match[1]! + rule.stemEnding;
  }
  return undefined;
}
