/**
 * Violence or control by the visitor's partner, said in the first person (blind round 16: "Mon mari contrôle tous mes
 * comptes et tout mon argent, je ne sais plus quoi faire" was handed over as a billing question, its reply opening on
 * payments). Such a message is handed to a person and its reply first gives where to get help now (urgent-help.ts).
 * Run on urgent-help.ts's folded form (accents removed, a clause mark kept as a " , " token).
 *
 * A partner who handles the visitor's tools is not control ("mon mari contrôle mes comptes Instagram pendant mes
 * vacances", "mon compagnon gère mes comptes"): only money, cards, papers, or all of the visitor's accounts count.
 */

/** The visitor's partner, or former partner. */
const PARTNER = String.raw`(?:mon|ma) (?:mari|conjoint|conjointe|compagnon|compagne|copain|copine|partenaire|concubin|concubine|femme|ex(?: mari| conjoint| compagnon| conjointe| compagne)?)`;
/** What the partner does to the visitor: blows, threats, confinement, or control of their money and papers. */
const HARM = String.raw`(?:me (?:frappe|frappait|bat|battait|menace|menacait|viole|violait|etrangle|enferme|enfermait|harcele|insulte|humilie|terrorise|fait peur)|m (?:a (?:frappee?|battue?|menacee?|violee?|etranglee?|enfermee?)|enferme|insulte|humilie|empeche de (?:sortir|voir|travailler|parler|avoir))|(?:controle|confisque|me confisque|me prend|m a pris|bloque) (?:tout mon argent|tous mes comptes|mon argent|ma carte(?: bancaire| bleue)?|mes cartes|mes papiers|mon salaire|mes revenus|mes depenses|mon passeport)(?! (?:instagram|insta|facebook|tiktok|linkedin|pinterest|youtube|pro|professionnels?|clients?|google|kajabi|canva|stripe|paypal|systeme))\b)`;
const PARTNER_HARMS_ME = new RegExp(String.raw`\b${PARTNER} (?:\S+ ){0,5}${HARM}`);
/** Said of oneself plainly: "je subis des violences conjugales", "je suis victime de violences". */
const VICTIM = /\b(?:je (?:subis|vis|subissais)|je suis victime de) (?:des )?violences? (?:conjugales?|domestiques?|economiques?|physiques?|psychologiques?)?/;

/** Whether the folded message tells of the visitor's partner's violence or control. */
export const speaksOfPartnerViolence = (folded: string): boolean => PARTNER_HARMS_ME.test(folded) || VICTIM.test(folded);
