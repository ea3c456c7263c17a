import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBlindRoundConversations } from '../testing/blind-round-conversations.ts';

/**
 * Blind round 21's short conversations (blind-round-21/README.md; how they are read: testing/blind-round-conversations.ts).
 * At first sight 19/21: line 16 (a friend signed up without the visitor's referral code, "vous pouvez l'ajouter ?") and
 * line 19 (sleepless for weeks, after a question on a mail signature) went to Audrey; both are handed over since
 * (escalation-discount-not-applied.ts, at-the-end-of-ones-tether.ts). None is left.
 */
describeBlindRoundConversations(21, path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind-round-21'));
