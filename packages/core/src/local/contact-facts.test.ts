import { describe, expect, it } from 'vitest';
import { fullTextQueryOf } from '../retrieval/query-text.ts';
import { retrievedChunk } from '../testing/retrieved-chunk.ts';
import { contactFactsAskedBy, statesAContactFact, statesAContactFactInTheAgencysVoice, withContactFactWords } from './contact-facts.ts';
import { buildExtractiveAnswer } from './extractive-answerer.ts';

const contact = retrievedChunk({
  title: "Contacter l'équipe du studio",
  section: 'Nous joindre',
  content:
    '- Email : **bonjour@exemple.fr** (réponse sous 48 heures ouvrées)\n- Téléphone : **04 78 21 36 90**, du mardi au vendredi\n- Le studio est fermé le lundi et le week-end.\n\nLe studio est basé à Lyon (69007), mais tous les accompagnements se font en visio.',
  score: 0.9,
});

describe('a question on how to reach the agency gets the words its page uses', () => {
  it('adds them for each fact asked, and nothing to another question', () => {
    expect(contactFactsAskedBy('et vous etes ouverts quand ?')).toEqual(['hours']);
    expect(withContactFactWords('et vous etes ouverts quand ?')).toContain('horaires');
    expect(withContactFactWords('c koi votre numero de tel ?')).toContain('téléphone');
    expect(fullTextQueryOf('vous êtes où ?')).toContain('adresse');
    expect(withContactFactWords('Comment créer un Reel ?')).toBe('Comment créer un Reel ?');
  });

  it('is answered from the contact page although it shares no word with it ("ouverts" against "fermé", "où" against "basé")', () => {
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'et vous etes ouverts quand ?', sources: [contact] })).toContain('fermé le lundi');
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'vous êtes où ?', sources: [contact] })).toContain('basé à Lyon');
  });

  it('answers the hours from the contact page, not an e-mail guide\'s "taux d\'ouverture" ("ouverts" is not "ouverture")', () => {
    const emails = retrievedChunk({
      title: "Séquence d'e-mails de bienvenue",
      section: "Taux d'ouverture",
      content: "Un bon taux d'ouverture pour une séquence de bienvenue se situe autour de 45 %. En dessous de 25 %, retravaille tes objets.",
      score: 0.95,
    });
    const hours = retrievedChunk({
      title: 'Contact et horaires',
      section: 'Horaires',
      content: "L'équipe répond du lundi au jeudi de 9 h à 18 h, et le vendredi de 9 h à 13 h. Nous sommes fermées le week-end.",
      score: 0.8,
    });
    const answer = buildExtractiveAnswer({ agent: 'audrey', message: 'Vous êtes ouverts quand ?', sources: [emails, hours] });
    expect(answer).toContain('du lundi au jeudi de 9 h à 18 h');
    expect(answer).not.toContain("taux d'ouverture");
  });

  it('reads "où se trouvent vos bureaux ?" as asking the address', () => {
    expect(contactFactsAskedBy('Où se trouvent vos bureaux ?')).toEqual(['address']);
    expect(contactFactsAskedBy('vous êtes situés où ?')).toEqual(['address']);
  });
});

/**
 * "vous êtes où ?" asked of the sample knowledge base, which gives no address (a probe of `pnpm start`, 2026-12-05): it was
 * answered with the Zapier guide's lines ("basé" shares its stem with the title's "les bases de l'automatisation"), then,
 * once "basé à" was one word, with lines on "l'adresse email" of one's purchase.
 */
describe('a question only on how to reach the agency', () => {
  const readKnowledgeBase = async () =>
    (await import('../testing/knowledge-base-chunks.ts')).readKnowledgeBaseChunks(new URL('../../../../knowledge-base/', import.meta.url)).chunks;

  it('asks where the agency is in its usual wordings', () => {
    for (const question of ['vous êtes basés où ?', 'où êtes-vous installées ?', 'vous êtes situés où ?']) expect(contactFactsAskedBy(question), question).toEqual(['address']);
  });

  it('is answered by a line stating the fact asked, or by none', async () => {
    const chunks = await readKnowledgeBase();
    for (const message of ['vous êtes où ?', 'où êtes-vous situés ?', 'vous êtes basés où ?']) {
      expect(buildExtractiveAnswer({ agent: 'audrey', message, sources: chunks.slice(0, 12) }), message).toMatch(/^Je n'ai rien trouvé/);
    }
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'vous êtes basés où ?', sources: [contact] })).toContain('basé à Lyon');
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'vous avez un numéro de tel ?', sources: [contact] })).toContain('04 78 21 36 90');
  });

  it('states a fact by its form: a number, an address, a place, opening days', () => {
    expect(statesAContactFact('Téléphone : 04 78 21 36 90, du mardi au vendredi.', ['phone'])).toBe(true);
    expect(statesAContactFact('Le cabinet est au 12 rue des Lilas, 69007 Lyon.', ['address'])).toBe(true);
    expect(statesAContactFact('Vérifie que tu es connectée avec la bonne adresse email.', ['address'])).toBe(false);
    expect(statesAContactFact('Tu gagnes du temps et tu oublies moins de choses.', ['address', 'phone', 'email', 'hours'])).toBe(false);
  });
});

/**
 * A contact page written as prose (review of 2026-12-05): its lines state the address and the hours in words of their own
 * ("Nos bureaux se trouvent au 8 rue…", "Nous sommes joignables… le mardi et le jeudi de 9 h à 17 h"), and "vous êtes où ?",
 * "quelle est votre adresse ?", "quels sont vos horaires ?" got "Je n'ai rien trouvé" from it. A guide's line holding a
 * weekday and an hour is still no answer to them.
 */
describe('a contact page written as prose', () => {
  const prose = retrievedChunk({
    title: "L'agence et nos accompagnements",
    section: 'Contact',
    content:
      'Vous pouvez nous écrire à bonjour@lumiere-coaching.fr ou nous appeler au 01 42 56 78 90.\n\nNos bureaux se trouvent au 8 rue Oberkampf, 75011 Paris, au deuxième étage.\n\nNous sommes joignables par téléphone le mardi et le jeudi de 9 h à 17 h.',
    score: 0.9,
  });
  const guide = retrievedChunk({ title: 'Calendrier éditorial', section: 'Quand publier', content: 'Publie tes Reels le mardi et le jeudi à 18 h, quand ta communauté est en ligne.', score: 0.8 });

  it('answers where the agency is and when it can be reached', () => {
    for (const message of ['vous êtes où ?', 'quelle est votre adresse ?', 'ou etes vous situé'])
      expect(buildExtractiveAnswer({ agent: 'audrey', message, sources: [prose] }), message).toMatch(/^[^\n]*\n+• Nos bureaux se trouvent au 8 rue Oberkampf/);
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'quels sont vos horaires ?', sources: [prose] })).toContain('Nous sommes joignables par téléphone le mardi et le jeudi de 9 h à 17 h');
  });

  it('is not a guide’s line holding a weekday and an hour', () => {
    expect(buildExtractiveAnswer({ agent: 'audrey', message: 'quels sont vos horaires ?', sources: [guide] })).toMatch(/^Je n'ai rien trouvé/);
    expect(statesAContactFactInTheAgencysVoice('Publie tes Reels le mardi et le jeudi à 18 h.', ['hours'])).toBe(false);
  });
});

/**
 * Open to someone, or where one is in a task, is no contact question (review of 2026-12-05): read as hours or an address,
 * "vous êtes ouvertes aux débutantes ?" and "vous êtes où dans la préparation du live ?" were answered "Je n'ai rien trouvé"
 * (only a line stating hours or an address may answer a contact question, and a contact question is never clarified).
 */
describe('open to someone, or where one is in a task', () => {
  it.each([
    'vous êtes ouvertes aux débutantes ?',
    'vos formations sont ouvertes à toutes ?',
    "vous êtes fermées à l'idée d'un partenariat ?",
    'are you open to collaborations?',
    'vous êtes où dans la préparation du live ?',
    'où êtes-vous avec mon dossier ?',
  ])('asks no contact fact: %s', (message) => expect(contactFactsAskedBy(message)).toEqual([]));

  it.each([
    ['vous êtes ouverts à quelle heure ?', 'hours'],
    ['vous êtes ouvertes à 9h ?', 'hours'],
    ['vous êtes fermés à partir de quand ?', 'hours'],
    ['are you open on saturday?', 'hours'],
    ['vous êtes où exactement ?', 'address'],
    ['vous êtes où en France ?', 'address'],
  ])('still asks it: %s', (message, fact) => expect(contactFactsAskedBy(message)).toEqual([fact]));
});
