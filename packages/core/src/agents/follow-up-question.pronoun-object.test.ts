import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { followUpSearchText } from './follow-up-question.ts';
import { KeywordRouter } from '../local/keyword-router.ts';

const after = (question: string): HistoryMessage[] => [
  { role: 'user', content: question, agent: null },
  { role: 'assistant', content: 'Voici quelques pistes.', agent: 'carole' },
];

describe('what was just discussed as the object, by a pronoun (follow-up-question.ts)', () => {
  it.each([
    ["je peux l'enlever ?", 'Instagram a mis Info IA sur mon post'],
    ['on peut la retarder ?', 'ma popup s’affiche dès qu’on arrive sur le site'],
    ['et je peux le supprimer ?', 'Comment je fais un modèle de story dans Canva ?'],
  ])('%s is searched after the question it follows, and stays with its expert', (message, question) => {
    expect(followUpSearchText(message, after(question))).toBe(`${question} ${message}`);
    expect(new KeywordRouter().decide({ message, history: after(question) }).agent).toBe('carole');
  });

  it.each([
    ['je peux le relancer par mail demain ?', 'Comment je réponds à un prospect en DM ?'],
    ['je peux le faire sur Kajabi ?', 'Comment je fais un modèle de story dans Canva ?'],
  ])('%s names more, or a platform: searched as written', (message, question) => {
    expect(followUpSearchText(message, after(question))).toBeNull();
  });
});
