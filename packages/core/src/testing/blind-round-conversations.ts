import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { smallTalkOf } from '../agents/small-talk.ts';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { RouteTarget } from '../contract/chat-schemas.ts';
import { KeywordRouter } from '../local/keyword-router.ts';

/**
 * A blind round's short conversations (its README): the visitor's turns and the expected route of the last one, written
 * before running the product (`conversations.jsonl`); the earlier turns' replies are the product's own, as
 * `POST /api/v2/chat` gave them at first sight (`conversation-replies.json`). The last turn is decided by the keyword
 * router with that history, as the pipeline decides it. Shared by the rounds' `blind-round-N-conversations.test.ts`.
 */
export type ConversationRoute = RouteTarget | 'acknowledge_handover' | 'small_talk';

interface Conversation {
  turns: string[];
  expected: ConversationRoute;
}
interface RecordedTurn {
  visitor: string;
  agent: RouteTarget;
  reply: string;
}

const router = new KeywordRouter();

/** What the router does with the last turn, in the words of `expected`. */
function routeOfTheLastTurn(message: string, history: HistoryMessage[]): ConversationRoute | 'clarify' {
  const decision = router.decide({ message, history });
  if (decision.kind === 'escalate' || decision.kind === 'acknowledge_handover') return decision.kind === 'escalate' ? 'escalate' : 'acknowledge_handover';
  if (decision.kind === 'clarify') return smallTalkOf(message) !== null ? 'small_talk' : 'clarify';
  return decision.agent;
}

/**
 * The round's conversations as tests: every earlier turn has its recorded reply, and each last turn gets its expected
 * route, or the route registered for it in `knownErrors` (line number → the route it gets, said in the round's test).
 */
export function describeBlindRoundConversations(round: number, folder: string, knownErrors: Record<number, ConversationRoute | 'clarify'> = {}): void {
  const conversations = readFileSync(path.join(folder, 'conversations.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Conversation);
  const recorded = JSON.parse(readFileSync(path.join(folder, 'conversation-replies.json'), 'utf8')) as { line: number; history: RecordedTurn[] }[];

  describe(`blind round ${round}: the last turn of short conversations, with the product replies before it`, () => {
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
}
