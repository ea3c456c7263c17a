import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { followUpSearchText } from './follow-up-question.ts';
import { KeywordRouter } from '../local/keyword-router.ts';

const after = (question: string, agent: 'audrey' | 'carole' = 'audrey'): HistoryMessage[] => [
  { role: 'user', content: question, agent: null },
  { role: 'assistant', content: 'Voici quelques pistes.', agent },
];

describe('"et côté X ?": a side of what was just asked (follow-up-question.ts)', () => {
  it.each([
    ['et côté mails ?', 'Comment annoncer le déménagement de mon cabinet ?'],
    ['et du côté d’Instagram ?', 'Comment je tiens un stand dans un salon bien-être ?'],
    ['Ok et côté e-mails', 'Comment annoncer le déménagement de mon cabinet ?'],
    ['côté insta ?', 'Comment annoncer une hausse de prix ?'],
  ])('%s is searched after the question it follows', (message, question) => {
    expect(followUpSearchText(message, after(question))).toBe(`${question} ${message}`);
  });

  it.each([
    ['et pour les stories ?', 'Comment je fais un Reel qui engage ?'],
    ['et côté technique, comment je relie Zapier à Brevo pour les inscrites ?', 'Comment annoncer le déménagement de mon cabinet ?'],
  ])('%s, another thing or a question of its own, is searched as written', (message, question) => {
    expect(followUpSearchText(message, after(question))).toBeNull();
  });

  it('the side named decides who answers, as before', () => {
    const router = new KeywordRouter();
    expect(router.decide({ message: 'et côté insta ?', history: after('Comment je tiens un stand dans un salon bien-être ?') }).agent).toBe('carole');
    expect(router.decide({ message: 'et côté mails ?', history: after('Comment annoncer le déménagement de mon cabinet sur Instagram ?', 'carole') }).agent).toBe('audrey');
  });
});
