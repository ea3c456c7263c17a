import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const knowledgeBase = (folder: string) => readKnowledgeBaseChunks(new URL(`../evaluation/${folder}/kb/`, import.meta.url)).chunks;
const round11 = knowledgeBase('blind-round-11');
const round17 = knowledgeBase('blind-round-17');

/**
 * The first quoted line by class of question (`scripts/first-lines.ts` prints it for every question of the evaluation
 * sets): what the class asks leads, whatever else the message says.
 */
describe('the lead of an offline answer, by class of question', () => {
  describe('a definition ("c\'est quoi X", "X c\'est quoi", "qu\'est-ce que X")', () => {
    it('is the first line of the section that asks or names X, even when the message goes on about something else', () => {
      // Was step 2 of the webhook procedure ("on m'a dit" matched the FAQ heading "Pourquoi Stripe dit que…").
      expect(firstQuotedLineOf(round17, "c quoi un webhook concretement ? on m'a dit que ca remplacait zapier", 'audrey')).toContain("Un webhook, c'est un message");
      expect(firstQuotedLineOf(round17, "qu'est-ce qu'un webhook, on m'a dit que stripe en envoie", 'audrey')).toContain("Un webhook, c'est un message");
      // Was "En story, puis dans ta Story à la une « Avis »." (the how-to half of the message).
      expect(firstQuotedLineOf(round11, "c'est quoi l'UGC exactement et comment je pousse mes clientes à en faire", 'carole')).toContain("L'UGC (user generated content");
    });

    it('is not forced when the thing asked is not what the heading names, nor for a how-to on the same words', () => {
      expect(firstQuotedLineOf(round17, "c'est quoi l'événement stripe à choisir pour le webhook ?", 'audrey')).not.toContain("Un webhook, c'est un message");
      expect(firstQuotedLineOf(round17, 'comment relier stripe à make pour mon webhook ?', 'audrey')).toMatch(/^1\. Dans Make, crée un scénario/);
    });
  });
});
