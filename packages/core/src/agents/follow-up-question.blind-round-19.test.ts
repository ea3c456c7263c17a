import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { followUpSearchText } from './follow-up-question.ts';

const after = (question: string): HistoryMessage[] => [
  { role: 'user', content: question, agent: null },
  { role: 'assistant', content: 'Voici ce que je te conseille…', agent: 'audrey' },
];
const zoom = after('Comment envoyer les inscrites de mon webinaire Zoom dans Brevo ?');
const gmail = after("Comment je mets un message d'absence automatique sur Gmail pour mes vacances ?");

/** Blind round 19: a pronoun for what was just discussed, and one new word, is searched with the question before it. */
describe('a follow-up referring back with one new word', () => {
  it.each([
    ['elles arrivent pas', zoom],
    ['ils sont pas dans la liste', zoom],
    ['ça se coupe tout seul ?', gmail],
    ['mais elles apparaissent pas', zoom],
  ])('is searched after the question it follows: %s', (message, history) => {
    expect(followUpSearchText(message, history)).toBe(`${history[0]!.content} ${message}`);
  });

  it.each([
    ['et ça marche aussi pour Instagram ?', zoom],
    ['ça marche avec Mailchimp ?', zoom],
    ['et les rappels ils partent quand ?', zoom],
    ['ok et mes stories ça se fait comment ?', gmail],
    ['et sur mon téléphone ça marche aussi ?', gmail],
    ['et ça va dans quel Reel ?', zoom],
    ['ça veut dire quoi un pilier de contenu pour une praticienne en pleine reconversion ?', gmail],
  ])('not with a platform, two new words or a question of its own: %s', (message, history) => {
    expect(followUpSearchText(message, history)).toBeNull();
  });
});
