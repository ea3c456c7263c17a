import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { bestKnowledgeMatch } from './clarify-unless-knowledge-answers.ts';
import { contactFactsAskedBy } from '../local/contact-facts.ts';
import { namesAContactFact } from './contact-questions.ts';

const contact: RetrievedChunk = {
  chunkId: 'contact-0',
  documentId: 'contact',
  title: "Contacter l'équipe et horaires",
  section: null,
  content:
    '# Nous contacter\n\n## Par téléphone\n\n📞 **04 78 62 19 30**, du mardi au vendredi de 9h30 à 17h30.\n\n' +
    '## Par e-mail\n\n- Facturation : **compta@exemple.fr**\n\n## Nos locaux\n\n14 rue Burdeau, 69001 Lyon, sur rendez-vous.',
  agentOwner: 'shared',
  score: 0.6,
};
const reels: RetrievedChunk = {
  chunkId: 'reels-0',
  documentId: 'reels',
  title: 'Des Reels qui donnent envie',
  section: 'Le son',
  content: 'Utilise un son tendance, ou le son réel de ta cuisine.',
  agentOwner: 'carole',
  score: 0.5,
};

describe('a question about how to reach the agency', () => {
  it.each([
    ['vous avez un numero de tel ?', ['phone']],
    ['What are your opening hours?', ['hours']],
    ['vous etes ou ? je peux passer au studio', ['address']],
    ['adresse mail pour vous écrire ?', ['email']],
    ['vous êtes ouverts le samedi ?', ['hours']],
  ])('%s', (message, facts) => {
    expect(contactFactsAskedBy(message)).toEqual(facts);
  });

  it('asks nothing of the agency when it does not speak to it', () => {
    expect(contactFactsAskedBy('comment afficher mes horaires sur ma fiche Google ?')).toEqual([]);
    expect(contactFactsAskedBy('quel numéro de série pour mon appareil ?')).toEqual([]);
  });

  it('is answered by a chunk that names the fact in a heading or a label, not by another', () => {
    expect(namesAContactFact(contact, ['phone'])).toBe(true);
    expect(namesAContactFact({ ...reels, content: '- Facturation : compta@exemple.fr' }, ['email'])).toBe(false);
    expect(namesAContactFact({ ...reels, content: '- E-mail : bonjour@exemple.fr' }, ['email'])).toBe(true);
    for (const message of ['vous avez un numero de tel ?', 'What are your opening hours?', 'vous etes ou ? je peux passer au studio']) {
      expect(bestKnowledgeMatch(message, [[reels, contact]]), message).toMatchObject({ chunk: { chunkId: 'contact-0' } });
    }
    expect(bestKnowledgeMatch('vous avez un numero de tel ?', [[reels]])).toBeNull();
  });
});

describe('a page that names where the agency is', () => {
  it('is not one on access to an account, on what is to come, or on an e-mail address', () => {
    const page = (title: string, section: string, content: string) => ({ title, section, content });
    expect(namesAContactFact(page('Accéder à son espace membre', "Durée d'accès", 'Les replays restent disponibles 12 mois.'), ['address'])).toBe(false);
    expect(namesAContactFact(page('Nos ateliers', 'Les ateliers à venir', 'Le prochain atelier a lieu en mars.'), ['address'])).toBe(false);
    expect(namesAContactFact(page('Ton compte', 'Changer ton adresse email', 'Va dans Réglages.'), ['address'])).toBe(false);
    expect(namesAContactFact(page('Nous trouver', 'Adresse', '12 rue des Lilas, 69007 Lyon.'), ['address'])).toBe(true);
    expect(namesAContactFact(page('Le cabinet', 'Plan d’accès', 'Métro ligne B.'), ['address'])).toBe(true);
  });
});
