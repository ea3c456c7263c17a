import { JobFailedError } from '../client/chat-client-errors.ts';
import type { ChatReply } from '../client/chat-reply.ts';
import { announcementOf, completeAssistantMessage, failAssistantMessage } from './message-rendering.ts';

/** How an awaited answer ends in the thread: shown (and announced), handed to the person holding the conversation, or failed. */
const JOB_FAILED_TEXT = 'Désolée, ta réponse n’a pas pu être écrite. Réessaie dans un instant.';
const SLOW_ANSWER_TEXT = 'La réponse tarde à arriver. Réessaie dans un instant.';
const HELD_MESSAGE_TEXT = 'Message transmis à la personne de l’équipe qui suit ta conversation.';

/** Shows an answer in `assistantItem` and announces it; false when there is none to show (a person holds the conversation). */
export function showAnswer(assistantItem: HTMLLIElement, reply: ChatReply, announcer: HTMLElement): boolean {
  if (reply.text === '') {
    // A person holds the conversation: the message went to them, no agent answer to show.
    assistantItem.remove();
    announcer.textContent = HELD_MESSAGE_TEXT;
    return false;
  }
  assistantItem.hidden = false;
  completeAssistantMessage(assistantItem, reply);
  announcer.textContent = announcementOf(reply);
  return true;
}

export function showAnswerFailure(assistantItem: HTMLLIElement, error: unknown): void {
  assistantItem.hidden = false;
  failAssistantMessage(assistantItem, error instanceof JobFailedError ? JOB_FAILED_TEXT : SLOW_ANSWER_TEXT);
}
