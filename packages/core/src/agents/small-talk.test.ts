import { describe, expect, it } from 'vitest';
import { KeywordRouter } from '../local/keyword-router.ts';
import { clarifyingQuestion, instructionsRefusal } from './persona-replies.ts';
import { smallTalkOf, smallTalkReply } from './small-talk.ts';

describe('small talk: a message that only greets, thanks or says goodbye', () => {
  it.each([
    ['Bonjour !', 'greeting'],
    ['hello', 'greeting'],
    ['Coucou Carole, ça va ?', 'greeting'],
    ['Merci !', 'thanks'],
    ["Merci beaucoup pour ton aide, c'était top", 'thanks'],
    ["merci beaucoup c'est super clair", 'thanks'],
    ["Merci, c'était vraiment utile !", 'thanks'],
    ['super merci 🙏', 'thanks'],
    ['ok merci, bonne journée', 'thanks'],
    ['Thanks a lot!', 'thanks'],
    ['Je te remercie pour tes conseils', 'thanks'],
    ['ok merci quand même', 'thanks'],
    ["ok j'ai trouvé, c'était la connexion. merci !", 'thanks'],
    ["super merci, c'était ça le souci !", 'thanks'],
    ['merci, ça marche maintenant', 'thanks'],
    ['Bonne journée !', 'goodbye'],
    ['au revoir', 'goodbye'],
    // Blind round 11: what the visitor will do next, a newcomer's hello.
    ["merci c'est top, je teste ce soir", 'thanks'],
    ['super merci, je vais essayer ça demain', 'thanks'],
    ["ok je reviens vers toi quand c'est fait", 'goodbye'],
    ['Je reviendrai plus tard, bisous', 'goodbye'],
    ['Je te tiens au courant, bonne soirée', 'goodbye'],
    ['Bonsoir, je découvre le site', 'greeting'],
    ['Bonjour ! Je suis nouvelle ici', 'greeting'],
    // A visitor back after a while, beside a hello: a hello (it read as a goodbye).
    ['Bonjour, je reviens vers vous', 'greeting'],
    ['bonjour je repasse', 'greeting'],
    ["Coucou c'est encore moi", 'greeting'],
    ['Bonjour, je reviens vers vous demain, bonne journée', 'goodbye'],
    // Blind round 12: a time of day after a day, words that join the parts ("et", "bon ben"), Québécois
    // "allô" and "à vous autres", a fix that worked "du premier coup", what the visitor understood or likes.
    ["merci beaucoup c'est super clair je vais essayer ça demain matin", 'thanks'],
    ['je teste lundi soir, merci !', 'thanks'],
    ['Bonne soirée et encore merci pour vos conseils', 'goodbye'],
    ['Ok ça marche, je regarde ça et je reviens si besoin', 'goodbye'],
    ['Allô tout le monde, bonne journée à vous autres!', 'greeting'],
    ['Bonjour, je suis nouvelle ici et je découvre l’espace', 'greeting'],
    ["Super, merci Carole, j'adore l'idée de la collab !", 'thanks'],
    ['bonne idée, merci', 'thanks'],
    ['Top merci Audrey, ça a marché du premier coup', 'thanks'],
    ["bon ben je crois que j'ai tout compris merci bonne journée", 'thanks'],
    // A probe after the fixes: thinking it over.
    ['bon ben je vais réfléchir à tout ça, merci', 'thanks'],
    ['merci, je vais y réfléchir ce week-end', 'thanks'],
  ])('%s → %s', (message, kind) => {
    expect(smallTalkOf(message)).toBe(kind);
  });

  it.each([
    'Bonjour, comment relier Calendly à Zapier ?',
    'Merci, et pour les Reels ?',
    'merci mais ça ne marche pas',
    'merci, ça ne marche toujours pas',
    "merci, c'était la connexion mais maintenant je n'ai plus accès",
    'Bonjour je veux parler à quelqu’un',
    'Salut ! Combien de hashtags sous un post ?',
    'ok',
    'Merci de me rembourser',
    'Merci, c’est tout ?',
    'Merci, et ?',
    'Merci, et Audrey ?',
    'Merci de m’expliquer comment relier Calendly à Zapier',
    'merci, je teste mais ça ne marche pas',
    'je reviens vers toi pour mon tunnel',
    'Bonjour, je découvre Kajabi',
    'Bonsoir, je découvre le site, vous faites des tunnels ?',
    "j'adore l'idée de faire un Reel sur ma routine, merci",
    "merci, je vais essayer demain matin mais ça n'a pas marché",
    'bon ben comment je relie Calendly à Zapier',
    'merci et je voudrais parler à quelqu’un',
    'allo je veux parler à quelqu’un',
    'je vais réfléchir à mon offre, tu peux m’aider ?',
    'merci, je vais voir avec ma comptable pour la TVA',
  ])('"%s" asks something: not small talk', (message) => {
    expect(smallTalkOf(message)).toBeNull();
  });
});

describe('the keyword router on small talk', () => {
  const router = new KeywordRouter();

  it('asks nothing of a thank-you after an answer: no follow-up search of the previous question', () => {
    const history = [
      { role: 'user' as const, content: 'Combien de Reels par semaine ?', agent: null },
      { role: 'assistant' as const, content: 'Trois Reels par semaine suffisent.', agent: 'carole' as const },
    ];
    expect(router.decide({ message: 'merci !', history })).toMatchObject({ kind: 'clarify', agent: 'carole' });
  });

  it('answers in the voice of the expert greeted by name', () => {
    const history = [
      { role: 'user' as const, content: 'Combien de Reels par semaine ?', agent: null },
      { role: 'assistant' as const, content: 'Trois Reels par semaine suffisent.', agent: 'carole' as const },
    ];
    expect(router.decide({ message: 'Bonjour Audrey !', history })).toMatchObject({ kind: 'clarify', agent: 'audrey' });
    expect(router.decide({ message: 'Coucou Carole', history: [] })).toMatchObject({ kind: 'clarify', agent: 'carole' });
  });

  it('keeps a thank-you after a hand-over with the team (acknowledged, no second case)', () => {
    const history = [
      { role: 'user' as const, content: 'Je veux être remboursée', agent: null },
      { role: 'assistant' as const, content: 'J’ai transmis ta demande à l’équipe.', agent: 'escalate' as const },
    ];
    expect(router.decide({ message: 'merci !', history })).toMatchObject({ kind: 'acknowledge_handover' });
  });
});

describe('a goodbye wishing an evening, a night, a week-end or a week', () => {
  it.each([
    ['Bonne soirée !', 'Bonne soirée à toi'],
    ['Au revoir et bonne soirée', 'Bonne soirée à toi'],
    ['Bonne nuit', 'Bonne nuit à toi'],
    ['Au revoir et bon week-end !', 'Bon week-end à toi'],
    ['bonne fin de journée', 'Bonne fin de journée à toi'],
    ['Bonne semaine à vous', 'Bonne semaine à toi'],
  ])('%j gets the same wish back, in both voices', (message, wish) => {
    expect(smallTalkOf(message)).toBe('goodbye');
    for (const agent of ['audrey', 'carole'] as const) expect(smallTalkReply('goodbye', agent, message)).toContain(wish);
  });

  it('a goodbye that wishes nothing in particular gets the day wished', () => {
    expect(smallTalkReply('goodbye', 'audrey', 'Au revoir')).toBe('Belle journée à toi ! Je reste là si une autre question te vient.');
    expect(smallTalkReply('goodbye', 'carole', 'bye')).toContain('Belle journée à toi');
  });
});

describe('the fixed replies in the agents\' voices', () => {
  it('name the agents\' domains, not the sample agency\'s tools (another knowledge base may use none of them)', () => {
    const replies = (['audrey', 'carole'] as const).flatMap((agent) => [
      ...(['greeting', 'thanks', 'goodbye'] as const).map((kind) => smallTalkReply(kind, agent)),
      instructionsRefusal(agent),
      clarifyingQuestion(agent),
    ]);
    for (const reply of replies) expect(reply).not.toMatch(/Kajabi|Systeme\.io|Zapier|\bMake\b|Canva|Brevo|Calendly|Mailchimp/);
    expect(smallTalkReply('greeting', 'audrey')).toContain('automatisation');
  });
});
