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
const WHAT_SHE_FOLLOWS = `(?:(?:mon|ma|mes|notre|votre|vos) ${WHAT_SHE_PAYS_FOR}|(?:le|la|l) (?:programme|accompagnement|coaching|formation|parcours|suivi)|(?:my|the|your) (?:subscription|program|programme|coaching|course|membership|payments?))`;
/** The same told in English ("I had a miscarriage", "I'm pregnant", "my dad passed away"). */
const LIFE_EVENT_IN_ENGLISH = `pregnant|pregnancy|miscarriage|gave birth|maternity leave|passed away|died|funeral|hospitali[sz]ed|in hospital|surgery|chemo|cancer|i m sick|i am sick|illness|divorce`;
const LIFE_EVENT = `(?:est|sont) (?:decede|decedee|mort|morte|parti|partie)|deces|deuil|enterrement|obseques|enceinte|grossesse|accouche\\w*|accouchement|conge (?:maternite|mat)|naissance|(?:mon|notre) bebe|hospitalise\\w*|hopital|malade|maladie|operation|operee?|chimio\\w*|divorce|separation|burn ?out|${LIFE_EVENT_IN_ENGLISH}`;
/**
 * The sessions, workshops or classes of what she follows, put off or caught up for an event of her life ("mon père est
 * décédé, je voudrais reporter mes séances", "j'ai accouché, je peux rattraper les ateliers plus tard ?"). Only beside such an
 * event: a session moved to another day alone is not a pause (blind rounds 8 and 13). Not her own sessions, lives or classes
 * ("comment reprendre mes lives ?", "mes séances de yoga avec mes élèves").
 */
const WHAT_SHE_ATTENDS = `(?:mes|les) (?:seances?|ateliers?|modules?|replays?)(?! (?:avec|de|d|du|des|pour)\\b)`;
/** Pausing, stopping or going on in English ("need to pause the program", "can I continue the course?"). */
const GO_ON_OR_STOP_IN_ENGLISH = `pause|put (?:\\S+ )?on hold|suspend|freeze|postpone|stop|continue|keep up with|catch up on|(?:my|the|your) (?:subscription|program|programme|coaching|course|membership|payments?|sessions?) on hold`;
/**
 * Going on, stopping or pausing (also said in the present, "je continue le programme ou j'arrête ?", "je reprends la
 * formation quand ?", and of following it, "je ne peux plus suivre le programme"), said of what she follows or of nothing
 * named ("je dois mettre en pause", "je vais devoir arrêter quelques semaines"); not of her own work ("continuer à poster
 * pendant ma grossesse", "arrêter mes pubs"). Review of 2026-12-05: the present tense, "suivre", her sessions and English
 * were each missed.
 */
const GO_ON_OR_STOP = `(?:${PAUSE}|continuer|continue|poursuivre|arreter|arrete|stopper|rattraper|reprendre|reprends|suivre|${GO_ON_OR_STOP_IN_ENGLISH})(?= ${WHAT_SHE_FOLLOWS}| ${WHAT_SHE_ATTENDS}| (?:quelques|un moment|un temps|pendant (?:quelques|un|deux|trois)|(?:deux|trois|\\d+) (?:semaines|mois))|\\s*$)|\\b(?:les|le|la|l) (?:reporter|decaler|suspendre|mettre en pause|geler)|m absenter`;
/** What she pauses in her own business: a sequence, an automation, her ads, her posting, her social account. */
const HER_OWN_TOOLS = `(?:mon|ma|mes) (?:sequences?|zaps?|scenarios?|automatisations?|pubs?|publicites?|campagnes?|newsletters?|publications?|posts?|stories|compte (?:instagram|insta|facebook|tiktok|linkedin)|page|site|boutique|tunnel)`;

/**
 * Her own content named, and nothing she follows at the agency: what she stops or resumes is her posting ("je viens de perdre
 * mon bébé chat et je n'ai rien posté depuis une semaine, comment je reprends ?", blind round 20's own-health counter-example).
 */
const HER_CONTENT_ONLY = `^(?!.*\\b${WHAT_SHE_FOLLOWS}).*\\b(?:poste|postee?|poster|postes|publie|publiee?|publier|publications?|posts?|lives?|reels?|stories|contenus?|instagram|insta|newsletters?|blog)\\b`;

const NOT_HERS = re(`${HER_CONTENT_ONLY}|\\b${THIRD_PARTY_PLATFORMS}\\b|\\b(?:${SOMEONE_ELSES_CLIENTS})\\b(?: \\S+){0,4} (?:veut|voudrait|demande|souhaite|doit|va|est|is|are|wants?|needs?|asks?|has|had|would like)|\\b(?:${PAUSE})(?: \\S+){0,2} ${HER_OWN_TOOLS}`);

/** Her subscription or programme paused, or what she follows stopped for an event of her life: its payments, billing. */
export const PAUSING_ONES_PROGRAMME_RULE: IntentRule = {
  category: 'billing',
  pattern: re(`\\b(?:(?:${PAUSE})(?: \\S+){0,2} ${WHAT_SHE_FOLLOWS}|(?:${LIFE_EVENT})\\b.*\\b(?:${GO_ON_OR_STOP})|\\b(?:${GO_ON_OR_STOP})\\b.*\\b(?:${LIFE_EVENT}))`),
  unless: NOT_HERS,
};
