import { SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS, re, type IntentRule } from './escalation-patterns.ts';

/**
 * The visitor asks to pause, suspend or put off what she follows at the agency, or whether she can go on with it, because
 * of what happens in her life (a probe of `pnpm start`, 2026-12-05: "mon mari est décédé, je dois mettre en pause" got the
 * clarifying question; "je suis enceinte, je peux continuer le programme ?" was answered with a newsletter guide's
 * "programme-les dans ton outil"): her subscription and its payments, arranged by a person. On plainIntentText's form.
 *
 * - A pause asked of her programme, coaching, course or subscription ("mettre en pause mon abonnement", "suspendre mon
 *   accompagnement", "geler mon abonnement"); not a session moved to another day ("je peux décaler
 *   mon rendez-vous de demain ?": blind rounds 8 and 13 keep it from a person);
 * - or an event of her life (a death, a pregnancy or a birth, an illness, a hospital stay, a divorce) beside a pause, a
 *   postponement, a stop or going on ("je dois mettre en pause", "je peux continuer le programme ?", "je vais devoir
 *   arrêter quelques semaines").
 *
 * Not her clients' pause ("ma cliente veut mettre en pause son forfait, je fais comment ?"), nor a pause of her own
 * content or tools ("mettre en pause ma séquence / mon zap / mes pubs / mon compte Instagram"): her business's questions.
 */
const PAUSE = `(?:mettre|mets|mis|met) (?:en )?pause|suspendre|suspension|reporter|report|decaler|geler|interrompre|faire une pause|prendre une pause|pause (?:dans|de|sur)`;
const WHAT_SHE_PAYS_FOR = `(?:abonnement|accompagnement|programme|coaching|formation|parcours|mensualites?|echeances?|prelevements?|suivi|adhesion)`;
/**
 * What she follows or pays for at the agency: hers ("mon abonnement", "mes séances") or the agency's ("votre programme", "le
 * programme"). Not "les prélèvements dans Kajabi" (her pupils', a review: blind round 20's fresh wording 13).
 */
const WHAT_SHE_FOLLOWS = `(?:(?:mon|ma|mes|notre|votre|vos) ${WHAT_SHE_PAYS_FOR}|(?:le|la|l) (?:programme|accompagnement|coaching|formation|parcours|suivi))`;
const LIFE_EVENT = `(?:est|sont) (?:decede|decedee|mort|morte|parti|partie)|deces|deuil|enterrement|obseques|enceinte|grossesse|accouche\\w*|accouchement|conge (?:maternite|mat)|naissance|(?:mon|notre) bebe|hospitalise\\w*|hopital|malade|maladie|operation|operee?|chimio\\w*|divorce|separation|burn ?out`;
/**
 * Going on, stopping or pausing, said of what she follows or of nothing named ("je dois mettre en pause", "je vais devoir
 * arrêter quelques semaines"); not of her own work ("continuer à poster pendant ma grossesse", "arrêter mes pubs").
 */
const GO_ON_OR_STOP = `(?:${PAUSE}|continuer|poursuivre|arreter|stopper|rattraper|reprendre)(?= ${WHAT_SHE_FOLLOWS}| (?:quelques|un moment|un temps|pendant (?:quelques|un|deux|trois)|(?:deux|trois|\\d+) (?:semaines|mois))|\\s*$)|\\b(?:les|le|la|l) (?:reporter|decaler|suspendre|mettre en pause|geler)|m absenter`;
/** What she pauses in her own business: a sequence, an automation, her ads, her posting, her social account. */
const HER_OWN_TOOLS = `(?:mon|ma|mes) (?:sequences?|zaps?|scenarios?|automatisations?|pubs?|publicites?|campagnes?|newsletters?|publications?|posts?|stories|compte (?:instagram|insta|facebook|tiktok|linkedin)|page|site|boutique|tunnel)`;

const NOT_HERS = re(`\\b${THIRD_PARTY_PLATFORMS}\\b|\\b(?:${SOMEONE_ELSES_CLIENTS})\\b(?: \\S+){0,4} (?:veut|voudrait|demande|souhaite|doit|va|est)|\\b(?:${PAUSE})(?: \\S+){0,2} ${HER_OWN_TOOLS}`);

/** Her subscription or programme paused, or what she follows stopped for an event of her life: its payments, billing. */
export const PAUSING_ONES_PROGRAMME_RULE: IntentRule = {
  category: 'billing',
  pattern: re(`\\b(?:(?:${PAUSE})(?: \\S+){0,2} ${WHAT_SHE_FOLLOWS}|(?:${LIFE_EVENT})\\b.*\\b(?:${GO_ON_OR_STOP})|\\b(?:${GO_ON_OR_STOP})\\b.*\\b(?:${LIFE_EVENT}))`),
  unless: NOT_HERS,
};
