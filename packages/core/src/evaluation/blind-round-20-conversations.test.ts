import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBlindRoundConversations } from '../testing/blind-round-conversations.ts';

/**
 * Blind round 20's short conversations (blind-round-20/README.md; how they are read: testing/blind-round-conversations.ts).
 *
 * Two are left (`knownErrors`, the route they get): line 7, "et sur ma page de vente ?" after a question on AI images on
 * Instagram, goes to Audrey ("page de vente" names another thing after "et", which round 19's "et pour mes emails ?"
 * wants followed); line 8, "…sans lui donner mon mot de passe perso ?" after adding a second Instagram account, goes to
 * Audrey ("mot de passe", Audrey's, weighs as much as a strong signal: round 19's line 30 again).
 */
describeBlindRoundConversations(20, path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind-round-20'), { 7: 'audrey', 8: 'audrey' });
