import { foldFrench } from '../french-text/french-text.ts';
import { speaksOfPartnerViolence } from './partner-violence.ts';
import { speaksOfSomeoneElsesCrisis } from './someone-elses-crisis.ts';
import { speaksOfAProductSwallowed } from './swallowed-a-product.ts';
import { feelsThreatened } from './threats-received.ts';

/**
 * Messages that need more than the team's follow-up: a visitor in distress who speaks of ending
 * their life, a medical emergency happening now, or a partner's violence or control (partner-violence.ts). Found missing by blind round 9
 * (evaluation/blind-round-9/: "Je n'en peux plus, je pense à en finir", "J'ai des douleurs dans la
 * poitrine depuis ce matin" got a clarifying question). Such a message is handed to a person (the
 * escalation rules and every routing mode), its reply opens with where to get help now (the French
 * emergency numbers), and the knowledge base never answers it instead.
 *
 * Coaches write about these subjects too: a Reel on suicide prevention, a practitioner's patients
 * with chest pain, idioms ("mourir de rire", "en finir avec la procrastination", "me tuer à la
 * tâche"). Words said in the first person about oneself count whatever else the message says; the
 * bare words ("suicide", "malaise", "AVC") count only outside a content, practice or past context.
 */
export type UrgentHelp = 'crisis' | 'someone_elses_crisis' | 'medical_emergency' | 'partner_violence' | 'threatened';

/** On the folded form: accents removed, a clause mark kept as a " , " token (an idiom's "avec" is in its clause), every other mark a space. */
const fold = (message: string) => ` ${foldFrench(message).replace(/[,.;:!?…()]+/g, ' , ').replace(/[^a-z0-9,]+/g, ' ').replace(/\s+/g, ' ').trim()} `;

/** Idioms that use the words of distress: removed before the patterns run. */
const IDIOMS = new RegExp(
  String.raw`\b(?:mourir|meurs|mort|morte|crever|creve) (?:de (?:rire|faim|froid|chaud|honte|peur|envie|impatience|fatigue)|d (?:envie|impatience|ennui|rire))|(?:me|se|te) tuer (?:a|au|aux) \w+|(?:ca|cela|ce \w+|il|elle|ils) me tue\w*|(?:pour )?en finir(?! (?:avec (?:tout|la vie|ma vie|moi)\b))(?: \w+){0,6} avec|pour en finir|disparaitre (?:pour toujours )?(?:d |de |des )(?:\w+ )?(?:reseaux|instagram|insta|tiktok|facebook|linkedin|youtube)|plus envie de vivre (?:sur|de|du|avec|dans) \w+|failli (?:faire|avoir) (?:une |un )?\w+(?: \w+)?|(?:a|ai) fait (?:une |un )?(?:avc|infarctus|crise cardiaque|malaise) il y a|suicide (?:commercial|marketing|professionnel|social|financier)`,
  'g',
);
/** Not happening now: a reaction, a habit, a near miss ("je fais un malaise à chaque fois que je vois mes stats"). */
const NOT_NOW = /\b(?:a chaque fois|chaque fois que|tellement (?:j ai|on a) ri|failli|quand je (?:vois|regarde|lis)|en voyant)\b/;

/**
 * Wishing to disappear, with nothing after it in its clause (blind round 19: "je n'en peux plus de rien, je pense à
 * disparaître, ça ne sert à rien tout ça" got the clarifying question): a wish to stop existing. A place, a time or a
 * reason after it is something else, and so is making something disappear ("je veux faire disparaître", "les faire
 * disparaître"; "disparaître des réseaux", idioms removed above; "disparaître sous terre tellement
 * j'ai honte", "disparaître quelques jours", "disparaître pendant les vacances"), so the word must end its clause.
 */
const DISAPPEARING = String.raw`(?<!faire |fait )disparaitre(?= ,| $)`;

/** Said about oneself, now: counts in any message. */
const CRISIS_FIRST_PERSON = new RegExp(
  String.raw`\b(?:(?:je|j) (?:\w+ )?(?:pense|songe|veux|voudrais|ai envie|ai besoin) (?:\w+ )?(?:a |de |d )?(?:en finir|mourir|me suicider|me tuer|crever|me foutre en l air|disparaitre pour toujours|disparaitre a jamais|disparaitre pour de bon|${DISAPPEARING})|(?:je|j) (?:\w+ )?vais (?:me suicider|me tuer|en finir|me foutre en l air)|(?:je|j) (?:\w+ ){0,2}envie (?:de |d )(?:en finir|mourir|crever|me tuer|me suicider|disparaitre pour toujours|${DISAPPEARING})|(?:j ai|j avais|je fais|je n ai que|j ai que|je suis (?:envahie?|rongee?|hantee?|pleine?) (?:de|par)) (?:\w+ ){0,2}(?:idees?|pensees?) (?:noires|suicidaires|de mort|sombres)|(?:je|j) (?:\w+ ){0,3}(?:plus|aucune?) (?:la |de |d )?(?:raison|envie|force) de (?:continuer a )?vivre|(?:je|j) (?:ne |n )?(?:veux|vois) plus (?:de raison de )?vivre|mettre fin a (?:mes jours|ma vie)|que tout s arrete(?! , (?:mes|mon|ma|les|le|la)\b)|me foutre en l air|en finir avec (?:tout|la vie|ma vie|moi)|(?:pris|avale) trop de (?:cachets|medicaments|pilules|comprimes|somniferes)|(?:tout le monde|ma famille|mes enfants|mon mari|ma femme|mes proches|les autres) (?:\w+ )?serai(?:t|ent) (?:bien )?mieux sans moi|je ne sers (?:a|plus a) rien(?: ,)? (?:tout le monde|ma famille|mes proches|personne ne)|je suis un fardeau pour (?:tout le monde|ma famille|mes proches|les autres)|(?:arreter|envie)(?: \w+| ,){0,6} meme (?:de )?vivre|(?:kill|hurt) myself|end (?:it all|my life)|want to die|don t want to live|better off without me)\b`,
);
/** The bare words: a subject as much as a state. */
const CRISIS_WORDS = /\b(?:suicide|suicidaire|suicidaires|suicidal|suicider)\b/;

/** Happening to the visitor now, said in the first person: counts whatever else the message is about. */
const MEDICAL_FIRST_PERSON = new RegExp(
  String.raw`\b(?:(?:j ai|je ressens|je sens) (?:\w+ ){0,3}(?:douleurs?|mal|oppression) (?:\w+ ){0,3}(?:poitrine|thorax|thoraciques?)|(?:j ai|je ressens|je sens) (?:\w+ ){0,3}(?:douleurs?|mal|oppression) (?:\w+ ){0,6}(?:bras gauche (?:\w+ ){0,3}(?:et |a )?(?:la |de la )?machoire|machoire (?:\w+ ){0,3}(?:et |au )?(?:le |du )?bras gauche)|(?:j ai|je) (?:\w+ ){0,2}(?:du mal|de la peine) a respirer|je (?:n )?(?:arrive|peux) (?:pas|plus) (?:a )?respirer|je (?:\w+ )?(?:fais|viens de faire|crois faire) un (?:malaise|avc|infarctus)|je respire (?:tres |super )?mal|i (?:have|ve got) chest pain|i m having a (?:heart attack|stroke)|i can t breathe)\b`,
);
const MEDICAL_NOW = new RegExp(
  String.raw`\b(?:douleurs? (?:\w+ ){0,3}(?:dans|a|au niveau de) la poitrine|douleurs? thoraciques?|mal (?:a|dans) la poitrine|oppression (?:thoracique|dans la poitrine)|(?:vient de faire|est en train de faire|fait) un (?:malaise|avc|infarctus)|(?:du mal|de la peine|difficultes?|difficulte) a respirer|(?:n arrive|arrive) (?:pas|plus) a respirer|(?:il|elle|mon (?:collegue|mari|conjoint|compagnon|fils|pere|frere|ami|copain|voisin|associe|bebe)|ma (?:collegue|femme|conjointe|compagne|fille|mere|soeur|amie|copine|voisine|associee)) (?:\w+ ){0,8}(?:ne respire plus|respire (?:tres )?mal|s est effondree?|vient de s effondrer|est inconsciente?|ne se reveille (?:pas|plus)|a perdu connaissance|(?:a avale|vient d avaler) (?:une pile|un produit|de la javel|du detergent|des (?:medicaments|cachets|comprimes)))|centre antipoison|(?:il|elle|mon (?:mari|conjoint|compagnon|fils|pere|frere|ami|copain|voisin|bebe|enfant|collegue|associe)|ma (?:femme|conjointe|compagne|fille|mere|soeur|amie|copine|voisine|collegue|associee)) (?:\w+ ){0,2}(?:(?:tombee?|tomber) (?:par terre|au sol|dans l escalier|dans les escaliers|dans la douche|de (?:sa|son|la|l) \w+)|fait une chute|fait un malaise|par terre|au sol)(?: \w+| ,){0,6} (?:ne repond plus|ne reagit plus)|chest pain|heart attack|can t breathe|cannot breathe|having a stroke)\b`,
);
/** A subject of the visitor's content or practice, not something happening to them now. */
const ABOUT_A_SUBJECT = /\b(?:reels?|posts?|publications?|stories|story|carrousels?|contenus?|sujets?|themes?|articles?|podcasts?|episodes?|videos?|newsletters?|webinaires?|ateliers?|livres?|ebooks?|livre blanc|page de vente|prevention|sensibiliser|sensibilisation|temoignages?|groupe de parole|j accompagne|accompagner|specialisee?|je suis (?:psy\w*|\w+logue|\w*therapeute|medecin|infirmiere?|osteopathe|kine\w*|sophrologue|doula|naturopathe|coach|sage femme|formatrice|formateur|secouriste)|(?:mes|ma|mon|une|un) (?:clientes?|clients?|patientes?|patients?|coachees?|eleves?)|(?:les|des|de|aux) (?:gens|personnes|femmes|hommes|patients?|patientes?|aidants?|seniors|enfants|ados|adolescents) (?:qui|ayant)|aidants?|lead magnet|infirmiere|captions?|awareness|therapist|counsel\w*|nurse|my (?:clients|patients)|content|formation (?:sur|aux|de secourisme)|secourisme|premiers secours)\b/;

const LAUGHING = /[\u{1F602}\u{1F923}\u{1F606}]|\b(?:mdr|ptdr|lol|haha\w*|hihi)\b/iu;

/** Whether `message` needs help beyond the team's follow-up, and which. */
export function urgentHelpOf(message: string): UrgentHelp | null {
  // Laughing at oneself ("j'ai envie de mourir quand je vois le prix 😂", "mdr").
  if (LAUGHING.test(message)) return null;
  const text = fold(message).replace(IDIOMS, ' ');
  if (CRISIS_FIRST_PERSON.test(text)) return 'crisis';
  // Someone the visitor is with, now (someone-elses-crisis.ts, blind round 20).
  if (speaksOfSomeoneElsesCrisis(text)) return 'someone_elses_crisis';
  if (!NOT_NOW.test(text) && MEDICAL_FIRST_PERSON.test(text)) return 'medical_emergency';
  const aboutASubject = ABOUT_A_SUBJECT.test(text);
  if (!aboutASubject && CRISIS_WORDS.test(text)) return 'crisis';
  if (!aboutASubject && !NOT_NOW.test(text) && MEDICAL_NOW.test(text)) return 'medical_emergency';
  // A child or the visitor who has just swallowed a product (swallowed-a-product.ts, blind round 21).
  if (speaksOfAProductSwallowed(text)) return 'medical_emergency';
  // A partner's violence or control, said of oneself (partner-violence.ts, blind round 16).
  if (speaksOfPartnerViolence(text)) return 'partner_violence';
  // Threats from anyone that make the visitor afraid (threats-received.ts, blind round 20).
  if (feelsThreatened(text)) return 'threatened';
  return null;
}

/** The first sentence of the reply: where to get help now (France's numbers, free, day and night). */
export const URGENT_HELP_LINES: Readonly<Record<UrgentHelp, string>> = {
  crisis:
    "Ce que tu vis compte, et tu n'as pas à le traverser sans aide : si tu penses au suicide, appelle tout de suite le 3114 (numéro national de prévention du suicide, gratuit, 24 h/24) ; en cas de danger immédiat, appelle le 15 ou le 112.",
  someone_elses_crisis:
    "Ce que tu décris est sérieux : si la personne est en danger immédiat, appelle le 15 ou le 112 ; le 3114 (numéro national de prévention du suicide, gratuit, 24 h/24) répond aussi aux proches et aux professionnelles qui accompagnent quelqu'un en détresse.",
  medical_emergency: "Si c'est une urgence, appelle tout de suite le 15 (SAMU) ou le 112 : l'équipe ne peut pas remplacer un médecin.",
  partner_violence:
    "Ce que tu décris est grave, et tu n'as pas à le vivre seule : le 3919 (Violences Femmes Info) est gratuit, anonyme et joignable 24 h/24 ; en cas de danger immédiat, appelle le 17 ou le 112, ou envoie un SMS au 114.",
  threatened:
    "Si tu te sens en danger, appelle le 17 (police) ou le 112, ou envoie un SMS au 114 ; garde les messages reçus (captures d'écran) : ils serviront si tu portes plainte.",
};
