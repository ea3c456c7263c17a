import { gap, re, type IntentRule } from './escalation-patterns.ts';
import { plainIntentText } from './plain-intent-text.ts';
import { AT_THE_END_OF_ONES_TETHER } from './at-the-end-of-ones-tether.ts';
import { OWN_SERIOUS_ILLNESS_RULE } from './own-serious-illness.ts';

/**
 * Medicines named by their class or their common name ("quel anti-inflammatoire prendre ?", "un
 * antidouleur", "du doliprane"), folded, hyphen or none ("anti inflammatoire", "antiinflammatoire"):
 * a health question like "médicament" (blind round 11). Shared with the knowledge check, which keeps
 * a health question with a person whatever the documents say (pipeline/clarify-unless-knowledge-answers.ts).
 */
export const MEDICINE_WORDS = `(?:anti[ -]?(?:inflammatoires?|douleurs?|biotiques?|histaminiques?|depresseurs?|spasmodiques?|viraux|viral|fongiques?|coagulants?|vomitifs?|pyretiques?)|antalgiques?|analgesiques?|anxiolytiques?|somniferes?|paracetamol|ibuprofene|aspirine|doliprane|cortisone|corticoides?|painkillers?|antibiotics?)`;

/**
 * Contractions, bleeding and tremors (blind round 16), with a word of degree between ("de fortes contractions", "des petits
 * saignements"). The words name a medium's defects too (review of round 16): shaky footage ("des tremblements dans mes
 * vidéos", "à l'image"), a print's bleed ("des saignements de couleur sur mes cartes", "sur les bords quand j'exporte en
 * PDF"), the contractions of written French ("des contractions dans mes légendes"), something to explain in a content:
 * a medium named within three words after them is not the body's.
 */
const IN_A_MEDIUM = String.raw`(?:(?: \S+){0,3} (?:l[ '])?(?:videos?|images?|cameras?|plans?|reels?|stories|story|carrousels?|legendes?|textes?|posts?|impressions?|imprime\w*|pdf|flyers?|cartes?|bords?|marges?|couleurs?|encre|montage|tournage|filme\w*|capcut|canva|expliquer|montrer|expres)(?![a-z]))`;
const BODY_SIGNS = String.raw`(?:des|de) (?:(?:petite?s?|forte?s?|gros|grosses?|legere?s?|legers|violente?s?|douloureu\w+|abondante?s?|nouvelle?s?|nouveaux|vraie?s?) )?(?:contractions|saignements|tremblements)(?!${IN_A_MEDIUM})`;

/**
 * The visitor's own symptoms ("j'ai mal au ventre depuis trois jours avec de la fièvre", blind round
 * 13): a health question like a medicine, kept with a person whatever the documents say (shared with
 * pipeline/clarify-unless-knowledge-answers.ts). Matches the plain form ("a l estomac") and the
 * folded one ("a l'estomac"). Contractions or bleeding said of oneself ("je suis enceinte de 8 mois et j'ai des
 * contractions depuis ce matin", blind round 16) are symptoms too.
 */
export const SYMPTOMS = `(?:(?:de la )?fievre|des palpitations|des insomnies|(?:une |des )?(?:crises? d[ ']?angoisse|crises? de (?:panique|tetanie|spasmophilie)|attaques? de panique)|(?:une douleur|des douleurs|mal) (?:a la poitrine|dans la poitrine|thoraciques?)|(?:mal|des douleurs?|une douleur) (?:au |aux |a la |a l[ ']|dans le |dans la )(?:ventre|tete|gorge|dos|dents?|oreilles?|estomac|genou|cheville|poignet)|des nausees|des vertiges|une migraine|une infection|une eruption|une fausse couche|${BODY_SIGNS}|je saigne)`;

/**
 * Out of the experts' field: taxes and accounting, medication and diagnoses, the weather, recipes,
 * a car or a plumber, a sick animal or a visit to the vet, farm machinery, crop diseases, family
 * law, phone plans, tuning an instrument (blind rounds 9 and 10); declaring one's income or turnover
 * whatever the determiner, a marriage contract or a divorce (blind round 12). Vetoed when the word is the subject
 * of the visitor's content ("un webinaire sur le sommeil sans médicament", "un Reel sur le mildiou",
 * "parler de succession sur LinkedIn"). A health, family-law or veterinary question stays with a
 * person even when a document shares its words (pipeline/clarify-unless-knowledge-answers.ts).
 * Runs on plainIntentText's form (escalation-intent.ts).
 */
export const OUT_OF_SCOPE_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(
    `\\b(?:${MEDICINE_WORDS}|impots?|declaration d impots?|declaration de revenus|declarer (?:mes|les|mon|nos) (?:revenus|recettes|benefices|chiffre d affaires)|avis d imposition|impot sur le revenu|urssaf|comptabilite|expert comptable|comptable|tva|medicaments?|ordonnance|posologie|diagnostic medical|traitement medical|(?:m a|m ont|on m a) prescrit (?:des|un|une|du) (?:medicaments?|anxiolytiques?|antidepresseurs?|somniferes?|traitement|cachets)|(?:prendre|arreter|arrete|diminuer|continuer) (?:mes|mon|ma|les|des) (?:anxiolytiques?|antidepresseurs?|somniferes?|cachets|traitement)|meteo|horoscope|recette|gateau|billet d avion|taxes?|tax return|medication|weather|recipe|(?:ma|mon) (?:voiture|vehicule|scooter|moto)${gap(3)} (?:fait un bruit|fait du bruit|freins?|ne demarre|demarre plus|cale)\\w*|(?:un|une) (?:bon|bonne) (?:plombiere?|garagiste|mecanicienne?|electricienne?|serruriere?|dentiste)|fuite d eau (?:sous|chez moi|dans ma (?:cuisine|salle de bain))|(?:chez|appeler|consulter|voir|emmener) (?:le|la|un|une|mon|ma) (?:veterinaire|veto)|(?:mon|ma) (?:chien|chienne|chat|chatte|chaton|chiot|cheval|jument|lapin)${gap(2)} (?:ne mange|mange plus|ne boit|vomit|tousse|boite|est malade|a mange (?:un|une|du|de la|des)|a avale|bave|saigne)|vacciner (?:un|mon|ma|le|la) (?:chiot|chaton|chien|chienne|chat|chatte)|tracteur|moissonneuse|semoir|pulverisateur|mildiou|pucerons|oidium|(?:mes|mon|ma) (?:hortensias?|plantes?|arbres? fruitiers?|pelouse|haie)${gap(3)} (?:feuilles|sechent|jaunissent|malades?|meurent)|taches \\w+ sur les feuilles|(?:mes|ma|mon) (?:tomates?|potager|rosiers?)${gap(3)} (?:maladie|malades?|taches|pucerons|jaunissent|meurent)|regime matrimonial|contrat de mariage|separation de biens|communaute (?:de biens|reduite aux acquets)|(?:demander|demande de|procedure de|avocat pour (?:mon|le)) divorce|droits de succession|succession entre|testament|(?:partager|partage) (?:un|l|d un) heritage|pension alimentaire|(?:me )?rendre les enfants|droit de visite|juge aux affaires familiales|pension (?:pour|des) (?:les |mes )?enfants|garde (?:des|de mes) enfants|forfait (?:mobile|telephone|portable|internet|5g|4g|sim)|carte sim|abonnement (?:telephone|mobile|internet)|box internet|operateur (?:mobile|telephonique)|accorde\\w* (?:une|un|ma|mon|sa|son|la|le|ta|ton) (?:guitare|basse|violon|ukulele|harpe|piano|violoncelle|mandoline)|sonne faux|regler les cordes|roue de velo|changer une roue|(?:mon|ma) (?:bebe|enfant|fils|fille)${gap(3)} (?:a de la fievre|fievre|est malade|vomit|tousse)|aller aux urgences|consulter un medecin|voir un medecin)\\b`,
  ),
  // The word is the subject of the visitor's content ("un webinaire sur le sommeil sans médicament"), not a request.
  unless: re(`\\b(?:facture\\w* (?:automati|avec)|automati\\w*|zapier|make|stripe|tunnel|kajabi|sujet|theme|atelier|webinaire|reels?|posts?|story|stories|carrousel|newsletter|contenu|videos?|legende|article|podcast|ebook|live|lives|page de vente|livre blanc|instagram|linkedin|tiktok|youtube|facebook|pinterest|blog|parler de|landing|hook|accroche|prospects?|mes clientes?|mes clients|abonnes|abonnees|(?:ma|mon|mes) (?:page|pages|site|fiche|liste|communication|boutique|clientele)|mail de bienvenue|boutique en ligne|ateliers|lancement|visios?|format (?:carre|vertical)|vulgariser|pet sitting|(?:facture|justificatif|recu)${gap(4)} (?:de |d )?(?:canva|instagram|meta|facebook|google|zapier|brevo|mailerlite|kajabi|systeme io|later|notion|wix))\\b`),
};

/**
 * The visitor's own tax obligation, whoever it is owed on: "est-ce que je dois facturer la TVA à mes
 * clientes suisses ?", "suis-je assujettie à la TVA ?": an obligation ("je dois", "suis-je
 * redevable") to pay, charge, declare or collect the tax. Another verb is the visitor's own work on
 * the word ("je dois relancer les cotisations de mes adhérentes par email"). OUT_OF_SCOPE_RULE's veto on the visitor's
 * clients ("un post pour mes clientes sur les impôts") must not answer it: the clients there are who
 * the tax is charged to, not the subject of a content (blind round 11). Vetoed still by a tool or a
 * content, where it is a how-to ("je dois facturer la TVA dans Stripe, comment ?").
 */
/** The French business taxes (and their English names), as a family: the subject of OWN_TAX_OBLIGATION_RULE. */
const TAX_NAMES = 'tva|vat|impots?|urssaf|cotisations|taxes?|sales tax|cfe|cotisation fonciere|charges sociales|versement liberatoire|prelevement a la source|csg';
const TAX_ARTICLE = `(?:la |de la |l |d |des |les |a la |au |aux )?`;
export const OWN_TAX_OBLIGATION_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(
    // Owing the tax itself ("je dois la TVA ?"), or having to pay, charge, declare or collect it.
    `\\b(?:(?:je dois|dois je|est ce que je dois)(?= ${TAX_ARTICLE}(?:${TAX_NAMES})(?![a-z0-9]))|(?:je dois|dois je|est ce que je dois|faut il|il faut que je|do i (?:have to|need to))${gap(2)} (?:payer|paie|paye|facturer|facture|declarer|declare|collecter|collecte|reverser|reverse|appliquer|applique|ajouter|ajoute|afficher|affiche|mettre|mette|cotiser|cotise|pay|charge|collect|add)|(?:suis je|je suis|est ce que je suis) (?:obligee?|assujettie?|redevable)|do i (?:owe|pay|charge))${gap(3)} ${TAX_ARTICLE}(?<tax>${TAX_NAMES})`,
  ),
  unless: re(`\\b(?:automati\\w*|zapier|make|stripe|paypal|kajabi|systeme io|shopify|woocommerce|tunnel|page de vente|reels?|posts?|story|stories|carrousel|newsletter|contenu|videos?|article|podcast|live|lives|instagram|linkedin|tiktok|youtube|blog|expliquer|parler de|sujet|theme)\\b`),
};

/**
 * Which medicine to take, asked by the visitor for themself ("quel anti-inflammatoire prendre ?",
 * "je peux prendre du doliprane ?"): a health question however the message is framed. OUT_OF_SCOPE_RULE's
 * veto on content words ("un webinaire sur le sommeil sans médicament") must not answer it when the
 * story before it names a video or a post ("j'ai mal au dos depuis que je filme mes vidéos, quel
 * anti-inflammatoire prendre ?", blind round 11).
 */
export const MEDICINE_TO_TAKE_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(
    `\\b(?:(?:quel|quelle|quels|quelles|je peux prendre|puis je prendre|je dois prendre|dois je prendre|faut il prendre|on peut prendre|which|can i take|should i take)(?: \\S+)?(?: de| d| du| des)? (?:medicaments?|${MEDICINE_WORDS})|(?:medicaments?|${MEDICINE_WORDS})${gap(2)} (?:prendre|je dois prendre|je peux prendre|should i take|can i take))`,
  ),
  // The visitor's content about going without ("une méditation sans médicament : quel titre ?").
  unless: re(`\\b(?:sans|without)\\b`),
};

/**
 * Trembling of one's own that does not stop ("je tremble sans arrêt depuis ce matin", "j'arrête pas de trembler depuis hier
 * soir, j'arrive même plus à tenir mon téléphone", blind round 17): a body sign like the tremors above, said with the verb and
 * a time or a continuity. Stage fright says the same verb with its cause ("je tremble rien qu'à l'idée de faire mon premier
 * live", "je tremble avant chaque live", "quand je me filme", "j'ai mon premier live ce soir"): a cause of fear or an
 * event to face anywhere after it keeps the message answered.
 */
const STAGE_FRIGHT = String.raw`(?:a l[ ']idee|rien qu[ ']a|le trac|trac |avant (?:chaque |mon |ma |mes |le |la |les |de |d[ ']|un |une )|devant (?:la |le |les |l[ ']|mon |ma |un |une )|quand je (?:me |m[ '])?(?:filme|parle|passe|suis|dois|pense|fais|lance|publie|poste)|en live|en direct|(?:mon |ma |le |la |un |une )(?:premier |premiere |prochain |prochaine )?(?:live|webinaire|tournage|lancement|conference|presentation|passage (?:a la|en) \w+|prise de parole)|de peur|de stress|d[ ']excitation|d[ ']impatience|de joie|de froid|de rage|de colere)`;
/**
 * "depuis" with a time or the waking ("depuis ce matin", "depuis 3 jours", "depuis que je suis levée"): a cause or a piece of
 * news after it is an emotion ("je tremble depuis que j'ai vu mes stats", "depuis l'annonce de mon atelier", review of round 17).
 */
const SINCE_A_TIME = String.raw`depuis (?:ce|cette|cet|hier|avant hier|\d+|une|un|deux|trois|quatre|cinq|six|dix|plusieurs|quelques|des|tout a l|tout le|toute la|le (?:reveil|matin|soir|debut)|mon (?:reveil|lever)|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|la nuit|longtemps|que je (?:me suis |suis )?(?:levee?|reveillee?|debout))\b`;
/** Shared with pipeline/clarify-unless-knowledge-answers.ts, whose folded form keeps apostrophes ("j'arrete"); SMS spellings ("jtremble", "jarrete"). */
export const OWN_TREMOR = String.raw`(?:(?:je tremble|jtremble|j tremble|mes mains tremblent|tout mon corps tremble|mes jambes tremblent)(?!.*\b${STAGE_FRIGHT})(?: \S+){0,2} (?:sans arret|tout le temps|non stop|en continu|constamment|${SINCE_A_TIME}|de partout|de tout mon corps|sans pouvoir)|(?:j[ ']?|je n[ ']|je ne )(?:arrete|arrive|peux) (?:pas|plus) (?:de |a )?(?:m[ ']arreter de |arreter de )?trembler)(?!.*\b${STAGE_FRIGHT})`;
/**
 * The visitor's own symptoms ("j'ai de la fièvre", "j'ai des palpitations"): a health question
 * whatever story comes before it. OUT_OF_SCOPE_RULE's veto on the visitor's work ("depuis que je
 * travaille sur mon lancement je dors trois heures par nuit et j'ai des palpitations", blind round
 * 14) must not answer it: the work there is the cause told, not the subject. Vetoed only when the
 * symptom is the subject of a content ("un Reel sur le mal au ventre").
 */
/** Told in the visitor's content ("j'ai eu des saignements après mon accouchement et je veux en parler dans un Reel"). */
const TOLD_IN_A_CONTENT = `(?:en parler|le raconter|raconter|temoigner|partager)${gap(3)} (?:dans|sur|en|a|pour) (?:mes |ma |mon |un |une |des |les )?(?:stories|story|posts?|reels?|newsletters?|podcasts?|lives?|videos?|contenus?|carrousels?|compte|instagram|insta|blog|articles?)`;
/** A miscarriage happening to the visitor, said with another verb than "je fais" ("je suis en train de faire une fausse couche je crois"). */
/** Not a young pet ("je viens de perdre mon bébé chat", a review of round 20's rules). */
const A_BABY = `(?:mon|le) bebe(?! (?:chat|chien|lapin|cheval|hamster|perroquet|cochon d inde)s?(?![a-z]))`;
const OWN_MISCARRIAGE = `(?:je suis en train de|je viens de|je crois|j ai peur de) (?:faire|perdre) (?:une fausse couche|${A_BABY})|je (?:perds|viens de perdre) ${A_BABY}`;
export const OWN_SYMPTOMS_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(`\\b(?:(?:j ai|je fais|j avais|je ressens|je sens)${gap(3)} ${SYMPTOMS}|je saigne|${OWN_TREMOR}|${OWN_MISCARRIAGE})`),
  unless: re(`\\b(?:(?:reels?|posts?|videos?|carrousels?|articles?|podcasts?|webinaires?|contenus?|ateliers?|ebooks?|newsletters?|legendes?|stories|story|lives?) (?:sur|pour|contre|au sujet d|a propos d|qui parle)|${TOLD_IN_A_CONTENT})`),
};

/**
 * Exhaustion and low mood the visitor lives through, without words of crisis (blind round 15: "je
 * n'arrive plus à me lever le matin, je pleure tous les jours depuis mon lancement raté", "mon
 * médecin m'a mise en arrêt pour un burn-out"): a burn-out, a sick leave, a depression, crying every
 * day, no longer getting out of bed. A health matter like a symptom, kept with a person whatever the
 * documents say (shared with pipeline/clarify-unless-knowledge-answers.ts, which reads the folded message with its
 * apostrophes and hyphens: "n'arrive", "burn-out"). Crisis words (ending one's life) are agents/urgent-help.ts's.
 * Being in hospital oneself too (blind round 19: "Je suis hospitalisée depuis hier, je ne pourrai pas venir à ma séance
 * jeudi" got the clarifying question): "hospitalisée", "je suis à l'hôpital", "aux urgences"; someone else's stay ("ma mère
 * est hospitalisée") is vetoed below as for a sick leave.
 */
export const EXHAUSTION = `(?:burn[ -]?out|hospitalisee?|(?:suis|me trouve|reste) (?:a l[ ']hopital|aux urgences)|arret (?:maladie|de travail)|mise? en arret|(?:une|en|ma|d[ ']une) depression|je pleure (?:tous les jours|tout le temps|chaque (?:jour|matin|soir)|sans arret|tous les (?:soirs|matins))|(?:n[ ']arrive|arrive|parviens) (?:plus|pas) a (?:me lever|sortir du lit))`;

/**
 * EXHAUSTION said of oneself: a first-person word a few words before it ("je", "m'a mise", "mon
 * médecin"). Vetoed when it is the subject of the visitor's content or practice ("un Reel sur le
 * burn-out", "j'accompagne des femmes en burn-out", "mes clientes en arrêt maladie", "en parler dans
 * mes stories"), someone else's ("mon assistante est en arrêt maladie"), something to avoid ("éviter
 * le burn-out avec mon planning") or behind the visitor ("je reprends après un arrêt maladie").
 */
export const OWN_EXHAUSTION_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(`\\b(?:je|j|m|me|mon|ma|moi)${gap(4)} ${EXHAUSTION}`),
  unless: re(
    `\\b(?:(?:reels?|posts?|videos?|carrousels?|articles?|podcasts?|webinaires?|contenus?|ateliers?|ebooks?|newsletters?|legendes?|stories|story|lives?|guide|formation) (?:sur|pour|contre|au sujet d|a propos d|qui parle)|j accompagne|accompagner (?:des|les)|(?:mes|mon|ma|des|les|une|un) (?:clientes?|clients?|patientes?|patients?|coachees?|abonnees?)|(?:des|les|aux) (?:femmes|hommes|gens|personnes|mamans|entrepreneures?|salariees?|soignantes?)|parler (?:du|de la|de|d)|${TOLD_IN_A_CONTENT}|(?:mon|ma|mes|notre|nos) (?:assistante?s?|associee?s?|va|salariee?s?|employee?s?|stagiaires?|collaboratrices?|collaborateurs?|mari|femme|conjointe?|compagnon|compagne|fille|fils|mere|pere|soeur|frere|amie?s?|collegues?|graphiste|monteuse|monteur|cm|community manager) (?:est|sont|a ete|ont ete|vient d|viennent d|fait|font|a fait|ont fait|part|partent|sera|seront)|(?:eviter|prevenir|pas tomber en|ne pas faire|sans faire)${gap(2)} (?:le |un |une |de |en )?(?:burn|depression|arret)|(?:je reprends|je reviens|de retour|reprendre|reprise)${gap(2)} (?:apres|d) (?:un |une |mon |ma |mes |le |la )?(?:arret|burn|depression|conge)|(?:je serai|je vais etre|je serais|je pars|je partirai) en arret)`,
  ),
};

/**
 * Low mood said of oneself without words of crisis or a named illness (blind round 16: "je n'ai plus envie de rien, même
 * plus de me lever pour mes clientes"): no longer wanting anything, no longer having the strength to get up or go on,
 * having lost one's taste for everything ("plus goût à rien", "perdu goût à tout", "plus aucune envie"). Said at the
 * start of the message, the first person is understood ("Plus envie de rien.").
 * Unlike EXHAUSTION, the visitor's clients may follow it (they are who the visitor no longer gets up for); a content
 * about it, or someone else's low mood ("ma cliente n'a plus envie de rien"), is not the visitor's own. Shared with
 * pipeline/clarify-unless-knowledge-answers.ts (its folded form keeps apostrophes: "plus l'énergie").
 *
 * A task named as what the visitor no longer wants or has the strength for is a work's fatigue, the experts' (review of
 * round 16): a verb after "rien" ("plus envie de rien poster / gérer manuellement / payer pour Kajabi"; "rien faire" only
 * with a manner, "rien faire à la main", as "rien faire de mes journées" is the mood), what the visitor does ("plus goût à
 * rien de ce que je publie"), what to go on with ("plus le courage de continuer à tout faire à la main", "continuer mes
 * lives", "avancer sur mon tunnel"; not "continuer à vivre" nor "continuer comme ça"), a time or a chore to get up for
 * ("me lever à 6 h pour poster", "me lever tôt"; not "me lever pour mes clientes").
 */
const WHAT_IS_NO_TASK_AFTER_RIEN = String.raw`(?! (?!(?:faire|voir|manger)(?![a-z]))[a-z]+(?:er|ir|re|oir)(?![a-z]))(?! faire (?:a la main|manuellement|moi meme|toute seule|seule|en double)(?![a-z]))(?! de ce que (?:je |j[ '])(?!fais|faisais)(?:[a-z]+))`;
const WHAT_IS_NO_TASK_TO_GO_ON = String.raw`(?! (?:a|sur|mes|ma|mon|les|le|la|ce|cette|ces) (?!(?:vivre|exister|me|m|y|vie|ma vie)(?![a-z]))[a-z])`;
const NO_SCHEDULE = String.raw`(?! (?:a \d|a l[ '](?:aube|aurore)|aux aurores|tot|si tot|plus tot|de bonne heure|avant \d|pour (?!mes |ma |mon |les |personne|rien)[a-z]+(?:er|ir|re)(?![a-z])))`;
/**
 * At the end of one's rope, or thinking of giving everything up (review of blind round 18: "je me sens vraiment au bout du
 * rouleau, je pense à tout arrêter" got the clarifying question): the visitor's state, not a task. Not when a tool or an
 * activity is what the visitor is at the end of their rope with, or would give up ("au bout du rouleau avec Zapier", "tout
 * arrêter sur Instagram", "tout arrêter les Reels": the experts'), nor a burst's pause ("tout arrêter pendant les vacances").
 */
/** "mon", "ma", "mes" after it most often open the next clause ("envie de tout lâcher, mon business ne décolle pas"). */
const A_TOOL_OR_ACTIVITY = String.raw`(?: (?:avec|sur|a cause d[ ']?(?:e |u |es )?|pour|les|le|la|l[ ']|pendant|en|jusqu|quelques|deux|trois|\d))`;
const AT_THE_END_OF_ONES_ROPE = String.raw`au bout du rouleau(?!${A_TOOL_OR_ACTIVITY})|(?:envie|pense|songe|penser|songer) (?:a |de |d[ ']?)?tout (?:arreter|lacher|plaquer|abandonner)(?!${A_TOOL_OR_ACTIVITY})`;
/**
 * Not doing well, said of oneself (blind round 20: "je suis pas sûre d'aller bien en ce moment" after a question on telling
 * one's story got Carole): "je (ne) vais pas bien", "pas sûre d'aller bien". Not "je vais pas bien loin avec ça" nor a verb
 * after it ("je vais pas bien dormir avant mon live"): a distance or a way of doing.
 */
/**
 * "je suis pas bien", "ça va pas fort" only with what says it is a state that lasts or a mood ("du tout", "en ce moment",
 * "depuis…", "moralement", "dans ma tête"): "je suis pas bien organisée", "ça va pas fort avec mon tunnel" are not.
 */
/** What the lasting state is about, when it is a thing ("ça va pas fort en ce moment côté inscriptions", a review of round 20's rules). */
const OF_A_THING = String.raw`(?! (?:cote|niveau|au niveau|question|avec|sur|pour|de|du|des|d)(?![a-z]))`;
const NOT_WELL_NOW = String.raw`(?:suis (?:vraiment )?(?:pas|plus) bien|(?:ca|sa) (?:ne )?va (?:pas|plus) (?:fort|bien|du tout))(?= du tout| en ce moment${OF_A_THING}| ces (?:temps|jours|derniers)${OF_A_THING}| depuis| moralement| dans ma (?:tete|peau)| et je| je sais| $)`;
/** Not an adverb of distance, speed or time after "bien" ("je vais pas bien vite avec ma formation", "pas bien loin"). */
const NOT_DOING_WELL = String.raw`vais (?:vraiment |tellement |pas du tout |plus du tout )?(?:pas|plus|pas du tout) (?:tres |trop )?bien(?! (?:loin|vite|tot|haut|fort|longtemps|souvent|[a-z]+(?:er|ir|re|oir))(?![a-z]))|(?:pas|plus) (?:sure?|certaine?) d[ ']aller bien|${NOT_WELL_NOW}`;
export const LOW_MOOD = `(?:${AT_THE_END_OF_ONES_ROPE}|${AT_THE_END_OF_ONES_TETHER}|${NOT_DOING_WELL}|plus (?:envie|gout|la force|le courage|l[ ']energie) (?:de |d[ ']|a )?rien${WHAT_IS_NO_TASK_AFTER_RIEN}|perdu (?:le )?gout (?:a|de) tout|plus aucune (?:envie|motivation)(?! (?:de|d|pour|a)(?![a-z]))|(?:plus|pas) (?:la force|le courage|l[ ']energie) (?:de |d[ '])(?:me lever${NO_SCHEDULE}|sortir du lit|continuer${WHAT_IS_NO_TASK_TO_GO_ON}|avancer${WHAT_IS_NO_TASK_TO_GO_ON})|meme plus (?:envie )?(?:de |d[ '])?(?:me lever${NO_SCHEDULE}|sortir du lit))`;
export const OWN_LOW_MOOD_RULE: IntentRule = {
  category: 'out_of_scope',
  pattern: re(`(?:^ ?|\\b(?:je|j|moi)${gap(4)} )${LOW_MOOD}`),
  unless: re(
    `\\b(?:(?:reels?|posts?|videos?|carrousels?|articles?|podcasts?|webinaires?|contenus?|ateliers?|ebooks?|newsletters?|legendes?|stories|story|lives?|guide|formation) (?:sur|pour|contre|au sujet d|a propos d|qui parle)|parler (?:du|de la|de|d)|(?:mes|ma|mon|une|un|des|les) (?:clientes?|clients?|patientes?|patients?|coachees?|abonnees?)${gap(3)} (?:n a|n ont|a|ont|qui)${gap(1)} ${LOW_MOOD})`,
  ),
};

/** Every rule of this file, in the order detectEscalationIntent tries them. */
export const OUT_OF_SCOPE_RULES: readonly IntentRule[] = [OUT_OF_SCOPE_RULE, OWN_SYMPTOMS_RULE, OWN_EXHAUSTION_RULE, OWN_LOW_MOOD_RULE, OWN_SERIOUS_ILLNESS_RULE, OWN_TAX_OBLIGATION_RULE, MEDICINE_TO_TAKE_RULE];

/**
 * Whether the visitor speaks of their own health (their symptoms, exhaustion or low mood), as the
 * rules above read it: the hand-over's reply then opens with care for them (agents/escalation-reply.ts).
 */
export function speaksOfOwnHealth(message: string): boolean {
  const text = plainIntentText(message);
  return [OWN_SYMPTOMS_RULE, OWN_EXHAUSTION_RULE, OWN_LOW_MOOD_RULE, OWN_SERIOUS_ILLNESS_RULE].some((rule) => rule.pattern.test(text) && !rule.unless?.test(text));
}
