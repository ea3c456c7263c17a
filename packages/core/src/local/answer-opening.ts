import type { HistoryMessage } from '../capabilities/capabilities.ts';
import type { AgentName } from '../contract/chat-schemas.ts';

/**
 * How an answer opens: the greeting on an agent's first answer in the conversation only ("Bonjour !"
 * on every turn reads like a bot that forgot the conversation), a plain lead-in after that. Carole
 * greets when she first steps in after Audrey's answers, and the reverse: she is someone new.
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

/** `agent` has greeted the visitor when the conversation already holds one of its answers. */
export const answerOpeningFor = (agent: AgentName, history: readonly HistoryMessage[]): AnswerOpening =>
  history.some((turn) => turn.role === 'assistant' && turn.agent === agent) ? 'continuation' : 'greeting';

/** The lead-in of `agent`'s answer. */
export const answerOpeningText = (agent: AgentName, opening: AnswerOpening): string => openings[agent][opening];
