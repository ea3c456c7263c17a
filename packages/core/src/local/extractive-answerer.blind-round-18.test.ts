import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../evaluation/blind-round-18/kb/', import.meta.url));

/**
 * Blind round 18: a how-to led with the definition ("À quoi sert un quiz…"), a what-to-do with the neighbouring section
 * on the grades ("Où voir les réponses des élèves ?"), when an FAQ heading asks the visitor's kind of question.
 */
describe('the lead under the FAQ heading that asks the visitor’s kind of question', () => {
  it.each([
    ["Je suis épuisée, je passe mes soirées sur l'ordi et j'ai l'impression de jamais avancer... bref. Comment je fais un quiz à la fin de mon module Kajabi ?", 'Dans ta formation, ouvre le module'],
    ['une élève a raté 3 fois le quiz, elle est dégoûtée, je fais quoi ?', 'Kajabi permet de repasser le quiz'],
  ])('%s', (message, expected) => expect(firstQuotedLineOf(chunks, message, 'audrey')).toContain(expected));
});

/** Blind round 18: the table of the logo's versions and sizes, not a mistake of the list that says "taille". */
describe('the lead of a question asking for sizes', () => {
  it.each(['Je fais mon logo moi-même sur Canva, quelles tailles je dois exporter ?', 'quel format pour mon logo'])('%s', (message) => {
    expect(firstQuotedLineOf(chunks, message, 'carole')).toMatch(/1 080 × 1 080 px|1 500 px de large/);
  });
});

/**
 * Blind round 18: a problem reported leads with the line that tells what to do, not with one that describes the thing in the
 * same words ("Le corps de la légende se lit sur téléphone : … et des sauts de ligne." was shorter and led).
 */
describe('the lead of a message that asks for a remedy', () => {
  it.each([
    ['Mes légendes perdent leurs sauts de ligne quand je colle le texte, ça me rend folle', 'carole', 'Pour que les sauts de ligne restent, écris'],
    ["que faire quand quelqu'un répond pas maintenant", 'audrey', 'Ne transforme jamais un « pas maintenant »'],
  ] as const)('%s', (message, agent, expected) => expect(firstQuotedLineOf(chunks, message, agent)).toContain(expected));
});

/** Blind round 18: a long story before "c'est possible ?" matched the document's introduction, which tells the same story. */
describe('the lead of a question asked after a story', () => {
  it('is the line that answers the question, not the introduction that tells the story', () => {
    const message =
      "Bonjour ! Je suis naturopathe et chaque année en décembre des gens me demandent si je fais des bons cadeaux. Je dis oui et je bricole un PDF sur Word que j'envoie à la main le soir... Cette année j'aimerais que ça se fasse tout seul quand la personne paie, c'est possible ?";
    expect(firstQuotedLineOf(chunks, message, 'audrey')).toContain("L'acheteuse paie sur un lien de paiement Stripe");
  });
});

/** Blind round 18: the context after the question ("j'utilise Zapier et Calendly", "rgpd tout ça") was a second question. */
describe('the lead of a question followed by its context', () => {
  it.each([
    ["Comment retirer quelqu'un de ma séquence de relance automatiquement quand il a payé ? j'utilise Zapier et Calendly", 'Retire la personne de la séquence dès qu'],
    ["est-ce que c'est grave si je demande l'année de naissance dans mon formulaire ? rgpd tout ça", 'Ne demande que le jour et le mois'],
  ])('%s', (message, expected) => expect(firstQuotedLineOf(chunks, message, 'audrey')).toContain(expected));
});
