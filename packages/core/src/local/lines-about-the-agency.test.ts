import { describe, expect, it } from 'vitest';
import { buildExtractiveAnswer } from './extractive-answerer.ts';
import { asksOfTheAgency, opensOnTheAgency } from './lines-about-the-agency.ts';
import { readKnowledgeBaseChunks } from '../testing/knowledge-base-chunks.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';

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

/**
 * A question on the agency's service put without "vous" or the agency's name (review of 2026-12-05): kept from the agency's
 * own lines, "c'est fermé en août ?" got "Je n'ai rien trouvé" from blind round 17's page on reaching the team, and "c'est
 * adapté aux sophrologues ?" the same from a page saying "Nous accompagnons les naturopathes, sophrologues…".
 */
describe('a question on the agency’s service that does not name it', () => {
  it('is put to the agency: when it is open, how soon it answers, whom it is for, its formats', () => {
    for (const message of [
      "c'est fermé en août ?",
      "c'est ouvert entre Noël et le jour de l'an ?",
      'délai de réponse ?',
      'combien de temps pour avoir une réponse ?',
      'tu réponds le week-end ?',
      'un message envoyé le samedi est traité quand ?',
      "c'est adapté aux sophrologues ?",
      "je suis naturopathe, c'est pour moi ?",
      'is it for yoga teachers?',
      'il y a des accompagnements individuels ?',
      "on peut mettre l'accompagnement en pause ?",
    ])
      expect(asksOfTheAgency(message), message).toBe(true);
  });

  it('is not one on the visitor’s own business', () => {
    for (const message of [
      'quels hashtags pour une naturopathe ?',
      'comment répondre aux commentaires ?',
      'comment présenter mon accompagnement sur Instagram ?',
      'comment vendre des accompagnements ?',
      'comment annoncer ma fermeture estivale sur instagram ?',
      'quel délai de réponse annoncer à mes clientes ?',
      'ma boutique est fermée en août, je préviens comment ?',
    ])
      expect(asksOfTheAgency(message), message).toBe(false);
  });

  it('is answered with the agency’s line', async () => {
    const round17 = (await import('../testing/knowledge-base-chunks.ts')).readKnowledgeBaseChunks(new URL('../evaluation/blind-round-17/kb/', import.meta.url)).chunks;
    const page = round17.filter((chunk) => chunk.documentId === round17.find((candidate) => candidate.content.includes("L'agence ferme deux semaines"))!.documentId);
    expect(buildExtractiveAnswer({ agent: 'audrey', message: "c'est fermé en août ?", sources: page })).toContain("L'agence ferme deux semaines en août");
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'délai de réponse ?', sources: page })).toContain("L'équipe répond du lundi au vendredi");
    const offer = retrievedChunk({
      title: "L'agence et nos accompagnements",
      section: 'Qui sommes-nous',
      content: 'Nous proposons des accompagnements individuels et des formations en ligne.\n\nNous accompagnons les naturopathes, sophrologues et praticiennes en hypnose depuis 2019.',
      score: 0.9,
    });
    expect(buildExtractiveAnswer({ agent: 'audrey', message: "c'est adapté aux sophrologues ?", sources: [offer] })).toContain('Nous accompagnons les naturopathes, sophrologues');
  });
});

/**
 * Advice signed by the team or an expert is a guide's line (review of 2026-12-05): "un rappel la veille c'est utile ?" got "Je
 * n'ai rien trouvé" from a guide whose line is "L'équipe recommande d'envoyer un rappel automatique la veille.".
 */
describe('advice signed by the team or an expert', () => {
  it('is no line about the agency', () => {
    expect(opensOnTheAgency("L'équipe recommande d'envoyer un rappel automatique la veille.")).toBe(false);
    expect(opensOnTheAgency('Audrey conseille de commencer par un seul zap.')).toBe(false);
    expect(opensOnTheAgency('Notre équipe te suggère de tester deux objets.')).toBe(false);
    expect(opensOnTheAgency('Le chat te répond à toute heure à partir des fiches pratiques.')).toBe(true);
  });

  it('answers a question on its topic', () => {
    const guide = retrievedChunk({
      title: 'Gérer les annulations de tes clientes',
      section: 'Gérer les annulations de tes clientes',
      content: "Dans Calendly, active le délai d'annulation minimum de 24 h.\n\nL'équipe recommande d'envoyer un rappel automatique la veille.",
      score: 0.9,
    });
    expect(buildExtractiveAnswer({ agent: 'audrey', message: "un rappel la veille c'est utile ?", sources: [guide] })).toContain("L'équipe recommande d'envoyer un rappel");
  });
});
