import { describe, expect, it } from 'vitest';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { bestKnowledgeMatch } from './clarify-unless-knowledge-answers.ts';
import { contentWritesAsAName, holdsATerm, oneWordTopicIsAName, twoWordTermsOf } from './knowledge-match-cues.ts';
import { questionWordsOf } from './question-words-of.ts';

const chunk = (title: string, section: string | null, content: string) => retrievedChunk({ title, section, content, score: 0.3 });

const team = chunk(
  "L'équipe du Studio",
  'Qui sommes-nous ?',
  "Élise a fondé le Studio en 2019. Margaux s'occupe des inscriptions et du support de l'espace membre. Yanis anime les séances de groupe.",
);
const funnel = chunk(
  'Vendre avec Stripe',
  'Le tunnel de vente',
  "Ajoute un order bump sur la page de paiement : une petite offre complémentaire à 27 €, cochée en un clic. Le bump augmente le panier moyen d'environ 15 %.",
);

describe('a chunk that answers a short question without naming it in a heading', () => {
  it('a question about a named thing and what it asks of it ("combien de temps dure Signature ?") is about the thing', () => {
    const offers = chunk('Nos offres', 'Signature', 'Six mois d’accompagnement individuel, douze séances.');
    expect(questionWordsOf('combien de temps dure signature ?').oneWordTopic).toBe('signatur');
    expect(bestKnowledgeMatch('combien de temps dure signature ?', [[offers]])).toMatchObject({ matchedHeadingWords: 1 });
    expect(questionWordsOf('Quels transporteurs vous conseillez ?').oneWordTopic).toBe('transport'); // "transporteurs" and "transport" share a stem
    // The attribute alone is still the question's word ("Quels sont vos horaires ?").
    expect(questionWordsOf('Quels sont vos horaires ?').oneWordTopic).toBe('horair');
  });

  it('a question about a name written with a capital is answered by a chunk that holds it', () => {
    expect(oneWordTopicIsAName("C'est qui Margaux ?", questionWordsOf("C'est qui Margaux ?").oneWordTopic!)).toBe(true);
    expect(bestKnowledgeMatch("C'est qui Margaux ?", [[team]])).toMatchObject({ chunk: { title: "L'équipe du Studio" }, matchedWords: 1 });
    // Opening the message, asking nothing of a person: no name to go by; the heading rule applies.
    // (In lower case but asking who: the chunk writes it as a name, below.)
    expect(bestKnowledgeMatch("c'est qui margaux ?", [[team]])).not.toBeNull();
    expect(bestKnowledgeMatch('Margaux ?', [[team]])).toBeNull();
    // A word opening a second sentence is capitalised as any would be.
    expect(oneWordTopicIsAName('Bonjour. Horaires ?', 'horair')).toBe(false);
    expect(bestKnowledgeMatch('Salut ! Yanis ?', [[team]])).toBeNull();
    expect(bestKnowledgeMatch('Salut ! Et Yanis, il fait quoi ?', [[team]])).not.toBeNull();
    // Written as a text message, without a question mark ("c qui" for "c'est qui").
    expect(bestKnowledgeMatch('c qui Margaux chez vous', [[team]])).toMatchObject({ chunk: { title: "L'équipe du Studio" } });
    // A who-question in lower case: the chunk writes the word as a name (every time with a capital).
    expect(bestKnowledgeMatch('c qui yanis', [[team]])).toMatchObject({ chunk: { title: "L'équipe du Studio" } });
    expect(contentWritesAsAName('Les séances de groupe. Groupe du jeudi.', 'group')).toBe(false);
    // Not asking who: the lower-case word stays a plain word (the heading rule applies).
    expect(bestKnowledgeMatch('yanis', [[team]])).toBeNull();
  });

  it('two topic words side by side are answered by a chunk that holds them side by side', () => {
    expect(twoWordTermsOf("c'est quoi un order bump", questionWordsOf("c'est quoi un order bump").topicStems)).toEqual(['order bump']);
    expect(bestKnowledgeMatch("c'est quoi un order bump", [[funnel]])).toMatchObject({ matchedWords: 2, matchedHeadingWords: 0 });
    // The same two words apart in the chunk, or apart in the message: no term.
    expect(holdsATerm('Un order de paiement, puis un bump.', ['order bump'])).toBe(false);
    expect(bestKnowledgeMatch('un bump pour quel order ?', [[funnel]])).toBeNull();
    // One function word between them.
    const payments = chunk('Questions fréquentes', 'Les paiements', 'Tu peux payer par virement pour un paiement en une fois ; en plusieurs fois, par carte.');
    expect(twoWordTermsOf('Je peux payer par virement ?', questionWordsOf('Je peux payer par virement ?').topicStems)).toContain('payer par virement');
    expect(bestKnowledgeMatch('Je peux payer par virement ?', [[payments]])).toMatchObject({ matchedWords: 2 });
  });
});
