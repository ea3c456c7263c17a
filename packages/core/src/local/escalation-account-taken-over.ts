import { THIRD_PARTY_PLATFORMS, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * Someone else changed the visitor's account, address or password at the agency (blind round 20: "quelqu'un a changé
 * l'adresse mail de mon compte chez vous, je reçois plus rien" was answered by Audrey): a take-over only the team can undo.
 * On plainIntentText's form.
 *
 * A platform's account is the visitor's own tool and its security a how-to ("quelqu'un a piraté mon compte Instagram",
 * "quelqu'un a changé le mot de passe de ma page Facebook"), answered by the experts.
 */
const SOMEONE_CHANGED = `(?:(?:quelqu un|une personne) (?:a|m a) (?:change|modifie|pirate|hacke|pris|vole)\\w*|(?:someone|somebody) (?:has )?(?:changed|hacked|took over|taken over))`;
const WHAT_IS_MINE = `(?:mon|ma|mes|l|le|la|les|my) (?:compte|adresse|e ?mail|mail|mot de passe|acces|identifiants?|account|password|email)`;

/**
 * Her address taken to sign up to her own list ("quelqu'un a pris mon adresse mail pour s'inscrire à ma newsletter", a
 * review of round 20's rules): a question on her sign-up form, not a take-over.
 */
const USED_TO_SIGN_UP = `\\bpour (?:s|m|se|me) (?:inscrire|abonner)\\b`;

export const ACCOUNT_TAKEN_OVER_RULE: IntentRule = {
  category: 'account',
  pattern: re(`\\b${SOMEONE_CHANGED}${gap(4)} ${WHAT_IS_MINE}`),
  unless: re(`\\b${THIRD_PARTY_PLATFORMS}\\b|${USED_TO_SIGN_UP}`),
};
