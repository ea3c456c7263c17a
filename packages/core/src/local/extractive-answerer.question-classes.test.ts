import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const knowledgeBase = (folder: string) => readKnowledgeBaseChunks(new URL(`../evaluation/${folder}/kb/`, import.meta.url)).chunks;
const round11 = knowledgeBase('blind-round-11');
const round12 = knowledgeBase('blind-round-12');
const round16 = knowledgeBase('blind-round-16');
const round17 = knowledgeBase('blind-round-17');
const round15 = knowledgeBase('blind-round-15');
const fourth = knowledgeBase('fourth-knowledge-base');
const third = knowledgeBase('third-knowledge-base');
const mainBase = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url)).chunks;

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

    it('takes the thing without what the message adds about the visitor\'s case ("pour un programme", "sur insta")', () => {
      // Was "Dans ta messagerie, touche l'icône de création puis Créer un canal de diffusion." (a step).
      expect(firstQuotedLineOf(round12, "c'est quoi un canal de diffusion sur insta et est ce que ça vaut le coup pour une petite coach comme moi", 'carole')).toContain(
        'Un canal de diffusion (« broadcast channel ») est une conversation',
      );
      // Was "Pas de prix sur cette page, pas de programme détaillé…".
      expect(firstQuotedLineOf(round16, 'c koi une liste dattente pour un programme, ca sert a quoi si jai deja une newsletter', 'audrey')).toContain(
        "se vend mieux à une liste d'attente",
      );
    });

    it('is not forced when the thing asked is not what the heading names, nor for a how-to on the same words', () => {
      expect(firstQuotedLineOf(round17, "c'est quoi l'événement stripe à choisir pour le webhook ?", 'audrey')).not.toContain("Un webhook, c'est un message");
      expect(firstQuotedLineOf(round17, 'comment relier stripe à make pour mon webhook ?', 'audrey')).toMatch(/^1\. Dans Make, crée un scénario/);
    });

    it('is not the first line of a section on one side of the thing, whose heading names it among other words', () => {
      // "Quand tu approches du seuil de TVA", "Combien coûte Notion", "Ce qui compte comme une tâche" (a table's first row) led
      // once the thing alone ("la TVA", cut at "pour une coach…") had to be in the heading (review of round 17).
      expect(firstQuotedLineOf(fourth, "c'est quoi la TVA pour une coach en micro-entreprise ?", 'audrey')).toContain('règles de TVA qu');
      expect(firstQuotedLineOf(fourth, "c'est quoi Notion pour organiser mes clientes ?", 'audrey')).not.toContain('Le plan gratuit suffit');
      expect(firstQuotedLineOf(round15, "c'est quoi une tâche sur Zapier ?", 'audrey')).not.toContain('Nouvelle vente Stripe');
    });
  });

  describe('a choice between two things ("X ou Y, lequel…")', () => {
    it('is a line that names the alternatives in its own words and compares, not the introduction that holds them through the title', () => {
      // Was "Les stickers interactifs transforment une story qu'on regarde en story à laquelle on répond."
      expect(firstQuotedLineOf(round17, 'Sondage ou quiz en story, lequel marche le mieux pour faire réagir ?', 'carole')).toContain('Sondage — À utiliser pour : Faire choisir entre deux options');
    });

    it('leaves a lead that already names them (and a question with no alternatives) as it was', () => {
      expect(firstQuotedLineOf(round17, 'faire une remise black friday ou offrir un bonus', 'audrey')).toContain('préfère le bonus à la remise');
      expect(firstQuotedLineOf(round17, 'quel sticker pour faire réagir en story ?', 'carole')).not.toContain('Sondage — À utiliser pour : Faire choisir');
    });

    it('is not a line that names one of them and compares it with something else', () => {
      // Was "Format vertical 1000 × 1500 pixels (ratio 2:3) : c'est celui que Pinterest met le mieux en avant." (review of round 17).
      expect(firstQuotedLineOf(third, 'Pinterest ou YouTube pour une thérapeute ?', 'carole')).not.toContain('met le mieux en avant');
    });
  });

  describe('what to reply ("je lui réponds quoi ?", "que répondre à…")', () => {
    it('is the line that tells what to reply, not one that holds "réponses" as a noun', () => {
      // Was "Les réponses de 9 et 10 sont les promotrices…" (the NPS categories).
      const message = "J'ai eu un 3/10 dans mon questionnaire de satisfaction, la personne dit qu'elle s'est sentie un peu perdue pendant le programme. Je lui réponds quoi ?";
      expect(firstQuotedLineOf(round17, message, 'audrey')).toContain('Réponds personnellement à toute note de 0 à 6');
    });

    it('is not forced for another question on the same document, nor for another verb', () => {
      expect(firstQuotedLineOf(round17, 'Comment on calcule le NPS des réponses à mon questionnaire ?', 'audrey')).not.toContain('Réponds personnellement');
      // The line replies to notes of 0 to 6 (review of round 17: it led this question).
      expect(firstQuotedLineOf(round17, 'que répondre aux personnes qui notent 9 ou 10 ?', 'audrey')).not.toContain('Réponds personnellement');
      // Nor when the line shares no word with the message but the verb (the KB has nothing on the URSSAF, nor on trolls).
      expect(firstQuotedLineOf(round17, "que répondre à l'URSSAF ?", 'audrey')).not.toContain('Réponds personnellement');
      expect(firstQuotedLineOf(mainBase, "que répondre à un troll qui m'insulte en story ?", 'carole')).not.toContain('Réponds toujours');
      // "quoi lui dire" asks for "Dis-lui…": the panier guide's "Email 2 : réponds aux objections" does not lead.
      expect(firstQuotedLineOf(round11, 'relance panier: la carte de ma cliente a été refusée, quoi lui dire', 'audrey')).toContain('Quand la carte de ta cliente est refusée');
    });
  });
});
