import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { smallTalkOf } from '../agents/small-talk.ts';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { RouteTarget } from '../contract/chat-schemas.ts';
import { KeywordRouter } from '../local/keyword-router.ts';

/**
 * Blind round 20's short conversations (blind-round-20/README.md): the visitor's turns and the expected route of the last
 * one, written before running the product (conversations.jsonl); the earlier turns' replies are the product's own, as
 * `POST /api/v2/chat` gave them at first sight (conversation-replies.json). The last turn is decided by the keyword router
 * with that history, as the pipeline decides it.
 *
 * Two are left (`knownErrors`, the route they get): line 7, "et sur ma page de vente ?" after a question on AI images on
 * Instagram, goes to Audrey ("page de vente" names another thing after "et", which round 19's "et pour mes emails ?"
 * wants followed); line 8, "…sans lui donner mon mot de passe perso ?" after adding a second Instagram account, goes to
 * Audrey ("mot de passe", Audrey's, weighs as much as a strong signal: round 19's line 30 again).
 */
const knownErrors: Record<number, Expected | 'clarify'> = { 7: 'audrey', 8: 'audrey' };
type Expected = RouteTarget | 'acknowledge_handover' | 'small_talk';
interface Conversation {
  turns: string[];
  expected: Expected;
}
interface RecordedTurn {
  visitor: string;
  agent: RouteTarget;
  reply: string;
}

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'blind-round-20');
const conversations = readFileSync(path.join(folder, 'conversations.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as Conversation);
const recorded = JSON.parse(readFileSync(path.join(folder, 'conversation-replies.json'), 'utf8')) as { line: number; history: RecordedTurn[] }[];
const router = new KeywordRouter();

/** What the router does with the last turn, in the words of `expected`. */
function routeOfTheLastTurn(message: string, history: HistoryMessage[]): Expected | 'clarify' {
  const decision = router.decide({ message, history });
  if (decision.kind === 'escalate' || decision.kind === 'acknowledge_handover') return decision.kind === 'escalate' ? 'escalate' : 'acknowledge_handover';
  if (decision.kind === 'clarify') return smallTalkOf(message) !== null ? 'small_talk' : 'clarify';
  return decision.agent;
}

describe('blind round 20: the last turn of short conversations, with the product replies before it', () => {
  it('has the replies of every earlier turn', () => {
    expect(recorded.map((entry) => entry.history.map((turn) => turn.visitor))).toEqual(conversations.map((conversation) => conversation.turns.slice(0, -1)));
  });

  it.each(conversations.map((conversation, index) => ({ line: index + 1, ...conversation })))('line $line: $expected', ({ line, turns, expected }) => {
    const history: HistoryMessage[] = recorded[line - 1]!.history.flatMap((turn) => [
      { role: 'user' as const, content: turn.visitor, agent: null },
      { role: 'assistant' as const, content: turn.reply, agent: turn.agent },
    ]);
    expect(routeOfTheLastTurn(turns[turns.length - 1]!, history)).toBe(knownErrors[line] ?? expected);
  });
});
