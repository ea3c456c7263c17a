import { describe, expect, it } from 'vitest';
import { replyVerbAskedBy, tellsWhatToReply } from './reply-question.ts';

describe('replyVerbAskedBy', () => {
  it.each([
    ["J'ai eu un 3/10. Je lui réponds quoi ?", 'repondre'],
    ['que répondre à une cliente qui trouve ça cher ?', 'repondre'],
    ['la carte est refusée, quoi lui dire', 'dire'],
    ['what should I reply to her?', 'repondre'],
  ])('is the verb of a question asking what to reply: %s', (message, verb) => expect(replyVerbAskedBy(message)).toBe(verb));

  it.each([
    "qu'est-ce que ça veut dire NPS ?",
    'elle ne répond pas à mes mails',
    'combien de réponses pour un NPS fiable ?',
    // What to fill in: the line telling the coach how to reply to her clients' notes led it (review of round 17).
    'je sais pas quoi répondre au questionnaire de satisfaction de mon propre coach',
    'que répondre à ce sondage ?',
  ])('is null otherwise: %s', (message) =>
    expect(replyVerbAskedBy(message)).toBeNull(),
  );
});

describe('tellsWhatToReply', () => {
  it('is a line opening on the imperative of the verb asked', () => {
    expect(tellsWhatToReply('Réponds personnellement à toute note de 0 à 6.', 'repondre')).toBe(true);
    expect(tellsWhatToReply('Dis-lui simplement merci.', 'dire')).toBe(true);
  });

  it('is not the same word as a noun, in the first person, or further in the line', () => {
    expect(tellsWhatToReply('Les réponses de 9 et 10 sont les promotrices.', 'repondre')).toBe(false);
    expect(tellsWhatToReply('Je réponds toujours dans la journée.', 'repondre')).toBe(false);
    expect(tellsWhatToReply("Si tu manques d'idées, réponds aux questions de tes abonnées.", 'repondre')).toBe(false);
    expect(tellsWhatToReply('Réponds personnellement.', 'dire')).toBe(false);
  });
});

describe('tellsWhatToReply, a line replying to a range of figures', () => {
  const line = 'Réponds personnellement à toute note de 0 à 6 dans la semaine.';
  it('answers a message naming a figure in the range, or none and a word of its own', () => {
    expect(tellsWhatToReply(line, 'repondre', "J'ai eu un 3/10, je lui réponds quoi ?")).toBe(true);
    expect(tellsWhatToReply(line, 'repondre', 'une note décevante dans la semaine, je lui réponds quoi ?')).toBe(true);
  });

  it('does not answer a message it shares no word with but the verb', () => {
    expect(tellsWhatToReply(line, 'repondre', "que répondre à l'URSSAF ?")).toBe(false);
    expect(tellsWhatToReply('Réponds toujours, même brièvement.', 'repondre', "que répondre à un troll qui m'insulte en story ?")).toBe(false);
  });

  it('does not answer a message naming only figures outside it', () =>
    expect(tellsWhatToReply(line, 'repondre', 'que répondre aux personnes qui notent 9 ou 10 ?')).toBe(false));
});
