import { describe, expect, it } from 'vitest';
import { firstQuotedLineOf, offlineAnswerOf, quotedLinesOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));

/**
 * A count asked as "quel nombre (idéal) de…" (a review of round 20's changes): once "idéal" after the amount was framing,
 * "quel nombre idéal de hashtags ?" led with the sales page's "Mesure simplement : nombre de visites…, nombre d'achats",
 * its "nombre" the heaviest word left; at 670dd20 it led with a line on which hashtags to mix.
 */
describe('the lead of an offline answer to "quel nombre de…"', () => {
  it('is the line stating the count, as for "combien de"', () => {
    for (const question of ['quel nombre idéal de hashtags ?', 'le nombre conseillé de hashtags par post ?', 'combien de hashtags idéal par post ?']) {
      expect(firstQuotedLineOf(chunks, question, 'carole'), question).toBe('💡 Utilise entre 3 et 10 hashtags vraiment liés au sujet de la publication.');
    }
  });
});

/**
 * A count stated by the sentence introducing a list of whole sentences (a probe of `pnpm start`, 2026-12-05): "combien
 * d'emails dans une séquence de bienvenue ?" quoted the emails one by one, never "Trois à cinq emails suffisent pour
 * commencer :", which was only an introduction (a sentence ending with a colon is no whole sentence).
 */
describe('the lead of an offline answer to a count a list introduction states', () => {
  it('is the introduction, its colon made a period', () => {
    for (const question of ["combien d'emails dans une séquence de bienvenue ?", "je mets combien d'emails dans ma séquence de bienvenue kajabi ?"]) {
      expect(firstQuotedLineOf(chunks, question, 'audrey'), question).toBe('• Trois à cinq emails suffisent pour commencer.');
    }
  });

  it('is never the introduction when no amount is asked', () => {
    expect(firstQuotedLineOf(chunks, 'comment préparer ma séquence de bienvenue avant Kajabi ?', 'audrey')).not.toContain('suffisent pour commencer');
  });
});

/**
 * The price of a tool the knowledge base never prices (a probe of `pnpm start`, 2026-12-05): "combien coûte kajabi ?" led
 * with "Crée un formulaire (Marketing > Formulaires) pour ton offre gratuite…", its "offre gratuite" read as Kajabi's price.
 */
describe('the lead of an offline answer to the price of a thing no line prices', () => {
  it('is no line naming another free thing', () => {
    expect(firstQuotedLineOf(chunks, 'combien coûte kajabi ?', 'audrey')).not.toContain('gratuit');
  });
});

/**
 * A rate asked (a probe of `pnpm start`, 2026-12-05): "c'est quoi un bon taux de conversion pour une page de vente ?" quoted
 * what a sales page holds and "Bon de commande…" (its "bon"), never "ajuste ta page si moins de 2 % des visiteuses achètent".
 */
describe('an offline answer to a rate asked', () => {
  it('opens with the line stating a percentage', () => {
    const answer = offlineAnswerOf(chunks, "c'est quoi un bon taux de conversion pour une page de vente ?", 'audrey');
    expect(quotedLinesOf(answer)[0]).toContain('moins de 2 % des visiteuses achètent');
  });
});
