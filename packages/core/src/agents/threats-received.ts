/**
 * Threats received that make the visitor fear for her safety, from anyone (blind round 20: "un homme m'envoie des messages
 * menaçants en DM depuis 2 semaines, il sait où est mon cabinet, j'ai peur" was answered as an Instagram question). A
 * partner's threats are agents/partner-violence.ts's; a client's or a stranger's are a person's too once the visitor says
 * she is afraid, or that they know where she lives or works. Such a message is handed to a person and its reply first gives
where to get help now (urgent-help.ts: the 17, the 112, the 114 by SMS). Run on urgent-help.ts's folded form (accents removed,
a clause mark kept as a " , " token).
 *
 * Threats alone stay a question of moderation ("une cliente m'envoie des messages menaçants, comment je la bloque ?"), and
 * so does a fear of what a content might bring ("j'ai peur de recevoir des menaces si je parle de ce sujet").
 */
/** A person, not a platform ("Instagram me menace de fermer mon compte" is the experts'). */
const SOMEONE = `(?:il|elle|on|ils|elles|quelqu un|(?:un|une|cet|cette|mon|ma|mes|des) (?:\\S+ )?(?:homme|femme|mec|type|personne|inconnue?|cliente?|client|abonnee?|ex|voisine?|concurrente?|collegue))`;
const THREATS = `(?:messages?${'(?: \\S+){0,2}'} (?:menacants?|de menaces?)|menaces? (?:de mort|de viol)|${SOMEONE} me menace\\w*|${SOMEONE} m a menacee?|me harcel\\w*|m harcel\\w*|(?:qu )?(?:il|elle|ils|elles) (?:va|vont|allait|allaient) (?:venir me |me )(?:retrouver|trouver|faire payer|faire du mal|tuer|frapper|detruire|attendre))`;
/**
 * "j'ai peur" alone, or of what someone may do to her ("peur qu'elle vienne au cabinet", "peur de le croiser"); not a fear
 * for her business said after a threat or a pressing request ("un client m'a menacée de laisser un avis négatif, j'ai peur
 * pour ma réputation", "une cliente me harcèle pour une réduction, j'ai peur de la perdre", "elle va me tuer si c'est pas
 * prêt, j'ai peur de la décevoir", review of round 20's rules): those are the experts' questions, and a reply opening with
 * the 17 would frighten for nothing.
 */
const WHAT_SOMEONE_MAY_DO = `(?:vienne|viennent|revienne|reviennent|debarque|debarquent|passe a l acte|mette \\S+ menaces|me (?:retrouve|trouve|fasse|frappe|tue|suive|suivent|attende|agresse|retrouvent|trouvent|attendent))`;
const A_FEAR_OF_HARM = `(?: (?:qu|que) (?:il|elle|ils|elles|on)(?: \\S+)? ${WHAT_SOMEONE_MAY_DO}| (?:de|d) (?:le |la |les )?(?:croiser|recroiser|sortir|rentrer|y aller|aller|ouvrir|mourir|me faire (?:agresser|frapper|suivre|tuer|mal))|(?! (?:de|d|qu|que|pour)(?![a-z])))`;
const FEAR_FOR_ONESELF = `(?:j ai (?:tres |vraiment |tellement |trop )?peur${A_FEAR_OF_HARM}|je suis (?:terrifiee?|terrorisee?|morte de peur)|peur pour (?:moi|ma securite|ma vie|mes enfants|ma famille)|(?:il|elle|ils|elles) (?:sait|savent|connait|connaissent) (?:ou|mon adresse)|devant (?:chez moi|mon cabinet|ma porte)|(?:il|elle) me suit|j ose (?:plus|pas|meme plus) (?:sortir|aller|rentrer|ouvrir|y aller))`;
const A_FEAR_OF_WHAT_A_CONTENT_BRINGS = `(?:peur (?:de|d) (?:recevoir|avoir|me prendre)|si je (?:parle|publie|poste|montre))`;

const THREATENED_AND_AFRAID = new RegExp(`^(?=.*\\b${THREATS}(?![a-z]))(?=.*\\b${FEAR_FOR_ONESELF}(?![a-z]))`);
const A_CONTENTS_RISK = new RegExp(`\\b${A_FEAR_OF_WHAT_A_CONTENT_BRINGS}(?![a-z])`);

/** Whether the folded message says the visitor receives threats and fears for her safety. */
export function feelsThreatened(foldedText: string): boolean {
  return THREATENED_AND_AFRAID.test(foldedText) && !A_CONTENTS_RISK.test(foldedText);
}
