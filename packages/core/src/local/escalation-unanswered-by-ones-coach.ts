import { SOMEONE_ELSES_CLIENTS, gap, re, type IntentRule } from './escalation-patterns.ts';

/**
 * The visitor's coach at the agency does not answer her any more (blind round 20: "Ma coach ne répond plus à mes messages
 * depuis 10 jours, est-ce qu'elle est encore là ?" got the clarifying question): a complaint about the agency's follow-up,
 * for a person. "Ma coach" of a visitor of a coaching agency is the agency's. On plainIntentText's form.
 *
 * Not the visitor's clients or prospects who do not answer ("ma cliente ne répond plus à mes relances"), nor a coach the
 * visitor is ("je suis coach et mes clientes ne répondent pas").
 */
const ONES_COACH = `(?:ma|mon|notre|la|le|my) (?:coach|accompagnante?|referente?|conseillere?)`;
const DOES_NOT_ANSWER = `(?:ne (?:me )?repond (?:plus|pas|jamais)|(?:me )?repond (?:plus|pas|jamais)|ne (?:me )?donne (?:plus|pas) (?:de )?nouvelles|est injoignable|(?:ne m a|m a) (?:pas|jamais|toujours pas) (?:repondu|rappelee?|recontactee?)|(?:doesn t|does not|never) (?:answer|reply|respond))`;

/**
 * An adviser or coach of somewhere else, named by what follows the noun ("ma conseillère bancaire ne répond pas", "ma
 * conseillère France Travail ne répond pas pour le financement", "mon coach de sport ne répond jamais en DM", a review of
 * round 20's rules): not the agency's follow-up.
 */
const SOMEONE_ELSE_S_ADVISER = `\\b(?:coach|accompagnante?|referente?|conseillere?) (?:bancaire|sporti(?:f|ve)|de (?:sport|yoga|pilates|banque|vie|la banque)|a la banque|france travail|pole emploi|urssaf|caf|mission locale|cpf|opco|mutuelle|assurance|d assurance)\\b`;

export const UNANSWERED_BY_ONES_COACH_RULE: IntentRule = {
  category: 'complaint',
  pattern: re(`\\b${ONES_COACH}${gap(2)} ${DOES_NOT_ANSWER}`),
  unless: re(`\\b(?:${SOMEONE_ELSES_CLIENTS}|prospects?|abonnee?s?)${gap(2)} (?:ne )?(?:me )?repond|\\bje suis (?:une |un )?coach\\b|${SOMEONE_ELSE_S_ADVISER}`),
};
