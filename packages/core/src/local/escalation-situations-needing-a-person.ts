import type { IntentRule } from './escalation-patterns.ts';
import { ACCOUNT_TAKEN_OVER_RULE } from './escalation-account-taken-over.ts';
import { LAWYERS_LETTER_RULE } from './escalation-lawyers-letter.ts';
import { PAYMENTS_ONE_CANNOT_MAKE_RULE } from './escalation-payments-one-cannot-make.ts';
import { THREATS_WITH_FEAR_RULE } from './escalation-threats-received.ts';
import { UNANSWERED_BY_ONES_COACH_RULE } from './escalation-unanswered-by-ones-coach.ts';

/**
 * Situations the visitor is in that only a person can handle, each in its file: threats received that make her afraid, her
 * coach at the agency who no longer answers, payments she can no longer make, her account at the agency taken over by
 * someone, a lawyer's letter received. In the order detectEscalationIntent tries them (escalation-intent.ts).
 */
export const SITUATIONS_NEEDING_A_PERSON_RULES: readonly IntentRule[] = [
  THREATS_WITH_FEAR_RULE,
  LAWYERS_LETTER_RULE,
  UNANSWERED_BY_ONES_COACH_RULE,
  PAYMENTS_ONE_CANNOT_MAKE_RULE,
  ACCOUNT_TAKEN_OVER_RULE,
];
