import { contentStems } from './french-text.ts';

/**
 * The words of a question that say what it is about. A question's framing says nothing of its
 * topic, and matching it against the knowledge base picks stray sentences:
 *
 * - light verbs ("Que mettre dans mon titre LinkedIn ?" against "sans en mettre à chaque ligne";
 *   "les prélèvements se font quand ?" against "les inscriptions se font depuis la page Offres");
 *   not "passer", "donner", "pris", "mis", whose stems are those of "mot de passe", "données",
 *   "prix", "mise en page";
 * - the verbs that frame a request ("Je veux automatiser…", "je voudrais savoir…", "j'aimerais…"
 *   against "écris « je veux parler à quelqu'un »"), modal verbs among them ("combien de temps
 *   doivent-ils durer ?" against "ce que tes clientes doivent ressentir");
 * - "combien", and the "temps" of "combien de temps" ("Combien de temps laisser le replay ?"
 *   against "combien de temps tu les gardes" in a data-protection section);
 * - "à quelle heure": the time of day asked, a cue the answerer reads from the message itself
 *   (local/quantity-question.ts); its "heure" matched "une séance de 2 heures" ahead of "publie
 *   entre 18 h et 20 h" ("a quelle heure poster mes reels", a blind probe, 2026-12-04);
 * - "idéal", "conseillé" after the amount asked ("c'est quoi la durée idéale d'un webinaire ?", "la
 *   fréquence idéale"): the amount is asked, the adjective says nothing of its topic; it matched
 *   "ta cliente idéale" ahead of "Un webinaire gratuit de 45 à 60 minutes" (a probe, 2026-12-05); so is "bon", "meilleur"
 *   before a rate or a price ("un bon taux de conversion" against "Bon de commande");
 *   "ma cliente idéale" keeps it: a topic of its own;
 * - "à quelle fréquence", "tous les combien": how often (local/quantity-question.ts); "fréquence" matched
 *   "Les causes fréquentes" ahead of "Une newsletter toutes les semaines…" (a probe, 2026-12-05);
 * - "quel outil", "quelle appli", "quoi comme logiciel": the kind of thing asked (local/tool-question.ts);
 *   "outil" matched "Zapier et Make relient tes outils" ahead of the Canva guide for "quel outil pour
 *   faire mes visuels ?" (a probe, 2026-12-05);
 * - "en ce moment", "pour l'instant": when the question is asked ("je poste au hasard en ce
 *   moment" against "au moment de la réservation");
 * - "des conseils pour…", "des astuces sur…", "des idées pour…": what is asked for, the topic follows
 *   ("des conseils pour l'accroche" against "un pilier expertise (vos conseils)");
 * - "je suis perdue", "je me sens un peu perdu": how the visitor feels, not what she lost; "perdue"
 *   has the stem of "perdre" ("combien je dois facturer mes séances ? jsuis perdue" against "elle
 *   perd ce droit" in a section on terms of sale). "J'ai perdu mon mot de passe" keeps it;
 * - "j'ai un problème avec…", "un souci sur…": that something is wrong, the thing follows ("j'ai un problème avec ma
 *   newsletter" quoted a sales-page guide's "le problème que ton ebook résout", a probe of `pnpm start`, 2026-12-05);
 * - "jusqu'au bout": how far, not a "bout" of anything ("regardent mes stories jusqu'au bout" against "Au bout d'un
 *   mois, regarde le taux de clic", a probe of `pnpm start`, 2026-12-05).
 *
 * They stay stop words nowhere else: the stored chunks' embeddings and the keyword router read them
 * as they did. "savoir" stays in "savoir-faire"; not "souhaite", whose stem is that of "souhait". A
 * question that is nothing but framing ("Combien de temps ?") keeps its words: they are all it says.
 */
const QUESTION_FRAMING_STEMS: ReadonlySet<string> = new Set(
  contentStems(
    'mettre met mets prendre prends prend rendre laisser aller venir voir trouver trouve dire dis font ' +
      'veux veut voulez voudrais voudrait voulais souhaiterais souhaiterait aimerais aimerait savoir ' +
      'pourrais pourriez pourrait devrais devrait doivent devez devons peuvent pouvez pouvons combien',
  ),
);

const HOW_LONG = /\bcombien\s+de\s+temps\b/giu;
/**
 * "quel nombre de", "le nombre idéal de": a count asked, as "combien de" (a review of round 20's changes: once "idéal" was
 * framing, "quel nombre idéal de hashtags ?" matched "nombre de visites, nombre d'achats" ahead of "Utilise entre 3 et 10
 * hashtags").
 */
const NUMBER_OF = /(?<![\p{L}])nombre\s+(?:(?:id[ée]al|conseill[ée]|recommand[ée]|optimal|parfait|maximum|max|minimum|min)\s+)?(?=d(?:e\s|['’]))/giu;
/** "à quelle heure", "a quelle heure", "quelle heure": the time of day asked. */
const AT_WHAT_TIME = /(?:^|\s)(?:(?:à|a)\s+)?quelles?\s+heures?(?=[\s,.;:!?]|$)/giu;
/** "durée idéale", "la fréquence conseillée", "le nombre idéal", "le moment idéal": the adjective of an amount asked (the noun stays). */
const IDEAL_AMOUNT =
  /(?<=(?:^|\s)(?:dur[ée]e|taille|longueur|fr[ée]quence|rythme|heure|moment|nombre|prix|tarif|format|dimensions?|[ée]cart|d[ée]lai)s?\s+)(?:id[ée]a(?:le?s?|ux)|parfaite?s?|optimale?s?|optimaux|conseill[ée]e?s?|recommand[ée]e?s?)(?=[\s,.;:!?]|$)/giu;
/**
 * "un bon taux", "le meilleur prix": the adjective before a rate or a price asked ("un bon taux de conversion" matched "Bon
 * de commande : nom, email, paiement." ahead of "ajuste ta page si moins de 2 % des visiteuses achètent", a probe of `pnpm
 * start`, 2026-12-05). The noun stays. Not before a moment or an hour: "le bon moment pour déléguer" is answered by "le bon
 * critère", "la meilleure heure" by "les « meilleures heures pour publier »".
 */
const GOOD_AMOUNT =
  /(?<=(?:^|\s)(?:un|une|le|la|les|des|quel|quelle)\s+)(?:bons?|bonnes?|mauvaise?s?|meilleure?s?)(?=\s+(?:taux|prix|tarifs?|pourcentage)(?=[\s,.;:!?']|$))/giu;
/**
 * "quel taux", "un bon taux": a rate asked (local/quantity-question.ts), its "taux" the kind of amount, not its topic: kept,
 * it was the rarest word (only the newsletter guide says "taux"), and the sales-page guide's "moins de 2 % des visiteuses
 * achètent" lost the cue of a percentage stated. "c'est quoi le taux de passage ?" keeps it: what a rate is.
 */
const RATE_ASKED = /(?:^|\s)(?:quel(?:le)?s?\s+(?:est\s+|sont\s+)?(?:le\s+|les\s+|un\s+|mon\s+|ton\s+)?|(?:un|une|le|des)\s+(?:bons?|bonnes?|mauvais)\s+)taux(?=\s|$)/giu;
/** "à quelle fréquence", "quelle est la fréquence", "tous les combien": how often, asked. */
const HOW_OFTEN = /(?:^|\s)(?:(?:(?:à|a)\s+)?quelle\s+(?:est\s+(?:la\s+|ta\s+|sa\s+)?)?fr[ée]quence|tou(?:te)?s\s+les\s+combien)(?=[\s,.;:!?]|$)/giu;
/** "quel outil", "quelles applis", "quoi comme logiciel", "what app": a tool asked, whatever its topic. */
const WHICH_TOOL =
  /(?:^|\s)(?:quel(?:le)?s?\s+(?:(?:est|sont)\s+)?(?:le\s+|la\s+|les\s+)?(?:meilleure?s?\s+|bons?\s+|bonnes?\s+)?|quoi\s+comme\s+|(?:what|which)\s+)(?:outils?|applis?|applications?|logiciels?|plateformes?|apps?|tools?|software)(?=[\s,.;:!?]|$)/giu;
/** "en ce moment", "pour l'instant": when the visitor speaks, not what they ask about ("je poste un peu au hasard en ce moment" against "au moment de la réservation"). */
const RIGHT_NOW = /(?:^|\s)(?:en ce moment|pour le moment|pour l['’]instant|à l['’]heure actuelle|actuellement)(?=[\s,.;:!?]|$)/giu;
/**
 * "des conseils pour l'accroche", "quelques astuces sur les stories": the request, not its topic
 * ("des conseils pour l'accroche ?" quoted "un pilier expertise (vos conseils)" beside the hook).
 */
const ASKS_FOR_ADVICE = /(?:^|\s)(?:des|quelques|tes|vos|un|une|d['’]\s*autres|d['’])\s*(?:conseils?|astuces?|idées?|tips?)\s+(?:pour|sur)(?=\s)/giu;
/** "je suis perdue", "jsuis un peu perdu", "je me sens perdue": the visitor's state. */
const FEELS_LOST = /(?:^|\s)(?:je\s+suis|j['’]?\s*suis|jsuis|chuis|je\s+me\s+sens|me\s+sens)\s+(?:(?:un\s+peu|compl[eè]tement|totalement|trop|vraiment|tellement|assez)\s+)?perdue?s?(?=[\s,.;:!?]|$)/giu;
/** "j'ai un problème avec", "on a un petit souci sur", "j'ai des soucis de": something wrong with what follows. */
const A_PROBLEM_WITH = /(?:^|\s)(?:j['’]?\s*ai|jai|on\s+a|il\s+y\s+a|y\s+a)\s+(?:un|des|quelques|encore\s+un|toujours\s+un)\s+(?:petits?\s+|gros\s+|vrais?\s+)?(?:probl[eè]mes?|soucis?|pb|bugs?)\s+(?:avec|sur|dans|de|d['’]|du|des)(?=\s|$)/giu;
/** "jusqu'au bout", "jusqu au bout": to the end. */
const TO_THE_END = /(?:^|\s)jusqu['’\s]\s*au\s+bout(?=[\s,.;:!?]|$)/giu;
const KNOW_HOW = /\bsavoir[\s-]+faire\b/iu;
const [KNOW] = contentStems('savoir');

/** The content stems of a question (french-text's contentStems), its framing left out, in order. */
export function questionTopicStems(question: string): string[] {
  const keepsKnow = KNOW_HOW.test(question);
  const topic = contentStems(question.replace(HOW_LONG, 'combien').replace(NUMBER_OF, 'combien ').replace(IDEAL_AMOUNT, ' ').replace(RATE_ASKED, ' ').replace(GOOD_AMOUNT, ' ').replace(WHICH_TOOL, ' ').replace(HOW_OFTEN, ' ').replace(AT_WHAT_TIME, ' ').replace(RIGHT_NOW, ' ').replace(ASKS_FOR_ADVICE, ' ').replace(FEELS_LOST, ' ').replace(TO_THE_END, ' ').replace(A_PROBLEM_WITH, ' ')).filter((stem) => !QUESTION_FRAMING_STEMS.has(stem) || (keepsKnow && stem === KNOW));
  return topic.length > 0 ? topic : contentStems(question);
}
