import { OWN_SUPPLIER, SOMEONE_ELSES_CLIENTS, THIRD_PARTY_PLATFORMS, re, type IntentRule } from './escalation-patterns.ts';

/**
 * The visitor can no longer pay her instalments or her programme (blind round 20: "… je viens de perdre mon travail de
 * salariée et je n'arrive plus à payer les mensualités. Est-ce qu'on peut trouver un arrangement ?" was answered by
 * Audrey): her payments to the agency, for a person. On plainIntentText's form.
 *
 * Not her clients who cannot pay her ("ma cliente n'arrive plus à payer ses mensualités, je fais quoi ?"), which is her
 * business's question (escalation-intent.ts also lets a how-to about her clients through).
 */
const CANNOT = `(?:(?:n arrive|arrive|ne peux|peux|ne parviens|parviens) (?:plus|pas)|(?:ne suis|suis) plus en mesure)`;
const WHAT_IS_OWED = `(?:les|mes|ma|mon|la|le|vos|votre) (?:mensualites?|echeances?|prelevements?|paiements?|versements?|abonnement|accompagnement|programme|coaching|formation|factures?|reste)`;

/**
 * What she owes to her own tools or suppliers, named after it ("le prélèvement de mon abonnement Canva", "les factures de
 * mon hébergeur", a review of round 20's rules): her business's question, not her payments to the agency.
 */
const OWED_TO_A_TOOL_OR_SUPPLIER = `${WHAT_IS_OWED}(?: \\S+){0,3} (?:${THIRD_PARTY_PLATFORMS}|${OWN_SUPPLIER})\\b`;

export const PAYMENTS_ONE_CANNOT_MAKE_RULE: IntentRule = {
  category: 'billing',
  pattern: re(`\\b${CANNOT} (?:a |de |d )?(?:payer|regler|honorer|assumer) ${WHAT_IS_OWED}|\\b(?:can t|cannot|can no longer) (?:afford|pay) (?:my|the) (?:instalments?|installments?|payments?|programme|program|coaching)`),
  unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS})(?: \\S+){0,2} (?:n arrive|arrive|ne peut|peut|ne parvient|parvient)|\\b${OWED_TO_A_TOOL_OR_SUPPLIER}`),
};
