import { foldFrench } from '../french-text/french-text.ts';
import type { KeywordScores } from './keyword-router.ts';

/**
 * Whether a message received is a scam asks about what the message claims to be about, not about how it came: "on m'a
 * envoyé un lien par mail pour vérifier mon compte Instagram, arnaque ?" and "j'ai reçu un mail 'votre compte Instagram sera
 * supprimé, cliquez sur le lien', c'est une arnaque ?" (review of round 18) went to Audrey by "mail", "lien", "envoyé",
 * "cliquez", whereas securing an Instagram account is Carole's. In such a question the channel's words (Audrey's words of
 * email and links) do not count, unless nothing else names a topic ("j'ai reçu un mail bizarre, c'est du phishing ?" stays
 * with the email words).
 */
const ASKS_WHETHER_A_SCAM = /\b(?:arnaqu\w*|scams?|phishing|hameconnage|fake|frauduleu\w*|escroquerie)\b/;
const CHANNEL_WORDS = /(?<![\p{L}\p{N}'’-])(?:e-?mails?|mails?|liens?|links?|envoy\w*|clic|cliqu\w*)(?![\p{L}\p{N}-])/giu;

export function scoresWithoutAScamsChannel(message: string, scoreMessage: (message: string) => KeywordScores): KeywordScores {
  const asWritten = scoreMessage(message);
  if (!ASKS_WHETHER_A_SCAM.test(foldFrench(message))) return asWritten;
  const withoutTheChannel = scoreMessage(message.replace(CHANNEL_WORDS, ' '));
  const namesATopic = withoutTheChannel.scores.audrey.score > 0 || withoutTheChannel.scores.carole.score > 0;
  return namesATopic ? { ...withoutTheChannel, scores: { ...withoutTheChannel.scores, escalate: asWritten.scores.escalate } } : asWritten;
}
