import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';

/**
 * How an answer opens: the greeting on the conversation's first answer only ("Bonjour !" on every
 * turn reads like a bot that forgot the conversation), a plain lead-in after that.
 */
export type AnswerOpening = 'greeting' | 'continuation';

const openings: Record<AgentName, Record<AnswerOpening, string>> = {
  audrey: {
    greeting: "Bonjour ! Voici ce que je te conseille, d'après nos fiches pratiques :",
    continuation: "Voici ce que je te conseille, d'après nos fiches pratiques :",
  },
  carole: {
    greeting: 'Coucou ! ✨ Super question, voici quelques pistes pour toi :',
    continuation: 'Voici quelques pistes pour toi ✨ :',
  },
};

/** A conversation that already holds an answer (an agent's or a person's) has been greeted. */
export const answerOpeningFor = (history: readonly HistoryMessage[]): AnswerOpening =>
  history.some((turn) => turn.role === 'assistant') ? 'continuation' : 'greeting';

/** The lead-in of `agent`'s answer. */
export const answerOpeningText = (agent: AgentName, opening: AnswerOpening): string => openings[agent][opening];
