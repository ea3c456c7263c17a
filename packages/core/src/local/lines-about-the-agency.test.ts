import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { asksOfTheAgency, opensOnTheAgency } from './lines-about-the-agency.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';

const { chunks } = readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url));
const titled = (title: string) => chunks.filter((chunk) => chunk.title.startsWith(title));

describe('a line about the agency, its experts or its chat', () => {
  it('opens on the agency, an expert or the chat', () => {
    expect(opensOnTheAgency("L'agence accompagne les femmes entrepreneures du bien-être (naturopathes, sophrologues…).")).toBe(true);
    expect(opensOnTheAgency('Carole, experte en création de contenu : Instagram, Reels, stories, légendes, hashtags.')).toBe(true);
    expect(opensOnTheAgency('💡 Le chat te répond à toute heure à partir des fiches pratiques.')).toBe(true);
    expect(opensOnTheAgency('Utilise entre 3 et 10 hashtags vraiment liés au sujet de la publication.')).toBe(false);
    expect(opensOnTheAgency('Pose des questions dans le chat pour garder l’attention.')).toBe(false);
  });

  it('answers only a question put to the agency or about it', () => {
    expect(asksOfTheAgency('quels hashtags pour une naturopathe ?')).toBe(false);
    expect(asksOfTheAgency('Carole elle fait quoi ?')).toBe(true);
    expect(asksOfTheAgency('vous accompagnez les sophrologues ?')).toBe(true);
  });

  it('is not quoted to a content question that names the visitor’s trade (a probe of `pnpm start`, 2026-12-05)', () => {
    const sources = [...titled("L'offre de l'agence"), ...titled('Écrire des légendes')];
    const answer = buildExtractiveAnswer({ agent: 'carole', message: 'quels hashtags pour une naturopathe ?', sources });
    expect(answer).not.toContain("L'agence accompagne");
    expect(answer).not.toContain('Carole, experte');
    expect(answer).toContain('hashtags');
    expect(buildExtractiveAnswer({ agent: 'carole', message: 'Carole elle fait quoi ?', sources: titled("L'offre de l'agence") })).toContain('Carole, experte en création de contenu');
  });
});
