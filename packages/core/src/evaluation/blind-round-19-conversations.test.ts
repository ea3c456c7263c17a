import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeBlindRoundConversations } from '../testing/blind-round-conversations.ts';

/** Blind round 19's short conversations (blind-round-19/README.md; how they are read: testing/blind-round-conversations.ts). */
describeBlindRoundConversations(19, path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind-round-19'));
