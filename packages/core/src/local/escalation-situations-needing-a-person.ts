import type { IntentRule } from './escalation-patterns.ts';
import { ACCOUNT_TAKEN_OVER_RULE } from './escalation-account-taken-over.ts';
import { DISCOUNT_NOT_APPLIED_RULE } from './escalation-discount-not-applied.ts';
import { LAWYERS_LETTER_RULE } from './escalation-lawyers-letter.ts';
import { PAYMENTS_ONE_CANNOT_MAKE_RULE } from './escalation-payments-one-cannot-make.ts';
import { PAUSING_ONES_PROGRAMME_RULE } from './escalation-pausing-ones-programme.ts';
import { UNANSWERED_BY_ONES_COACH_RULE } from './escalation-unanswered-by-ones-coach.ts';

/**
 * Situations the visitor is in that only a person can handle, each in its file: her coach at the agency who no longer
 * answers, payments she can no longer make, her account at the agency taken over by someone, a lawyer's letter received, a reduction owed to her not applied, a pause of her programme for what happens in her life
 * (threats that make her afraid are agents/threats-received.ts's: the reply opens with where to get help). In the order detectEscalationIntent tries them (escalation-intent.ts).
 */
export const SITUATIONS_NEEDING_A_PERSON_RULES: readonly IntentRule[] = [
  LAWYERS_LETTER_RULE,
  UNANSWERED_BY_ONES_COACH_RULE,
  PAYMENTS_ONE_CANNOT_MAKE_RULE,
  ACCOUNT_TAKEN_OVER_RULE,
  DISCOUNT_NOT_APPLIED_RULE,
  PAUSING_ONES_PROGRAMME_RULE,
];
