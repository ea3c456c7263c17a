import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { followUpSearchText, searchTextOf } from './follow-up-question.ts';

/** A conversation of these questions, each answered. */
const after = (...questions: string[]): HistoryMessage[] =>
  questions.flatMap((question) => [
    { role: 'user' as const, content: question, agent: null },
    { role: 'assistant' as const, content: 'Voici quelques pistes.', agent: 'carole' as const },
  ]);

describe('followUpSearchText', () => {
  it('searches a follow-up naming no topic after the question it follows', () => {
    expect(followUpSearchText('tu peux me donner un exemple ?', after('Comment planifier mes posts du mois ?'))).toBe(
      'Comment planifier mes posts du mois ? tu peux me un exemple ?',
    );
    expect(followUpSearchText('tu peux détailler la partie sur le son ?', after('Comment faire un Reel qui engage ?'))).toBe(
      'Comment faire un Reel qui engage ? tu peux détailler la partie sur le son ?',
    );
    expect(followUpSearchText("c'est-à-dire ?", after('Comment éviter les spams ?'))).toBe("Comment éviter les spams ? c'est-à-dire ?");
    expect(followUpSearchText('can you give me an example?', after('How do I write a caption?'))).toBe('How do I write a caption? can you give me an example?');
  });

  it('leaves the verbs of asking out: "donner" would match "données" in a page on personal data', () => {
    const text = followUpSearchText('tu peux me donner un exemple ?', after('Et pour les Reels ?'))!;
    expect(text).toContain('exemple');
    expect(text).not.toMatch(/donner/);
    expect(followUpSearchText('tu peux me le montrer ou me dire comment ?', after('Comment faire un Reel qui engage ?'))).not.toMatch(/montrer|dire/);
  });

  it('searches a question about an attribute of what was just discussed after it ("et la durée ?")', () => {
    expect(followUpSearchText('et la durée ?', after('Combien coûte le Mentorat Lotus ?'))).toBe('Combien coûte le Mentorat Lotus ? et la durée ?');
    expect(followUpSearchText('ça coûte combien ?', after('Comment relier Calendly à Google Sheets ?'))).toBe('Comment relier Calendly à Google Sheets ? ça coûte combien ?');
    expect(followUpSearchText('et la durée du programme Ancrage ?', after('Combien coûte le Mentorat Lotus ?'))).toBeNull();
  });

  it('asks of another thing what the question before asked ("Combien coûte Étincelle ?" then "et Vitrine ?")', () => {
    expect(followUpSearchText('et Vitrine ?', after('Combien coûte Étincelle ?'))).toBe('et Vitrine ? Combien coûte');
    expect(followUpSearchText('et pour Canopée ?', after('Quelle est la durée de Graine ?'))).toBe('et pour Canopée ? Quelle est la durée');
    // Another question of its own, or an earlier question that asked no such thing: as written.
    expect(followUpSearchText('et Vitrine, ça dure combien ?', after('Combien coûte Étincelle ?'))).toBeNull();
    expect(followUpSearchText('et pour les stories ?', after('Comment faire un Reel qui engage ?'))).toBeNull();
    expect(followUpSearchText('et pour un pack ?', after('Comment fixer le prix de mes séances ?'))).toBeNull();
    // Longer, and after a plural "quels sont vos tarifs ?"; not when it asks a question of its own.
    expect(followUpSearchText("et la seance de coaching a l'unité ?", after('Quels sont vos tarifs ?'))).toBe("et la seance de coaching a l'unité ? Quels sont vos tarifs");
    expect(followUpSearchText('et les séances de coaching, elles sont enregistrées ?', after('Quels sont vos tarifs ?'))).toBeNull();
  });

  it('reads modal verbs, pronouns, adverbs, numbers and English function words as naming no topic', () => {
    expect(followUpSearchText('et combien de temps ils doivent durer ?', after('Comment faire des Reels quand on est naturopathe ?'))).toBe(
      'Comment faire des Reels quand on est naturopathe ? et combien de temps ils doivent durer ?',
    );
    expect(followUpSearchText('le mien est à 15%, je fais quoi ?', after("c koi un bon taux d'ouverture pour mes mails ?"))).toBe(
      "c koi un bon taux d'ouverture pour mes mails ? le mien est à 15%, je fais quoi ?",
    );
    expect(followUpSearchText('vous êtes où exactement ?', after('quelle est votre adresse ?'))).toBe('quelle est votre adresse ? vous êtes où exactement ?');
    expect(followUpSearchText('how much is it?', after('Tell me about the Pack Éclore'))).toBe('Tell me about the Pack Éclore how much is it?');
  });

  it('searches when, at what time, what is inside or whether it can be watched again after the question before ("et à quelle heure ?")', () => {
    expect(followUpSearchText("quel jour c'est le mieux ?", after('à quelle fréquence envoyer ma newsletter ?'))).toBe("à quelle fréquence envoyer ma newsletter ? quel jour c'est le mieux ?");
    expect(followUpSearchText('et a quelle heure ?', after('combien de posts par semaine sur instagram ?'))).toBe('combien de posts par semaine sur instagram ? et a quelle heure ?');
    expect(followUpSearchText('il y a quoi dedans ?', after("c'est quoi le template Notion ?"))).toBe("c'est quoi le template Notion ? il y a quoi dedans ?");
    expect(followUpSearchText('je peux le revoir apres ?', after("c'est quand le prochain webinaire ?"))).toBe("c'est quand le prochain webinaire ? je peux le revoir apres ?");
    // A topic of its own is still searched as written.
    expect(followUpSearchText('et pour les stories, à quelle heure ?', after('combien de posts par semaine sur instagram ?'))).toBeNull();
  });

  it('searches whether what was just discussed is free after it ("et c\'est gratuit ?")', () => {
    expect(followUpSearchText("et c'est gratuit ?", after('je lance ma newsletter, quel outil tu me conseilles ?'))).toBe(
      "je lance ma newsletter, quel outil tu me conseilles ? et c'est gratuit ?",
    );
    expect(followUpSearchText('elle est payante ?', after('C’est quoi la formation Instagram ?'))).toBe('C’est quoi la formation Instagram ? elle est payante ?');
  });

  it('searches what a visitor does with the offer just discussed after it ("je peux arrêter quand je veux ?")', () => {
    expect(followUpSearchText('je peux arrêter quand je veux ?', after("c'est quoi le Cercle Racines ?"))).toBe("c'est quoi le Cercle Racines ? je peux arrêter quand je veux ?");
    expect(followUpSearchText('on peut payer en plusieurs fois ?', after('Quels sont vos accompagnements ?'))).toBe('Quels sont vos accompagnements ? on peut payer en plusieurs fois ?');
  });

  it('searches a follow-up that names only what the question before it named after it ("et ça va dans quel email ?")', () => {
    expect(followUpSearchText('et ça va dans quel email ?', after("Dans ma séquence email, je peux mettre l'avis d'une cliente ?"))).toBe(
      "Dans ma séquence email, je peux mettre l'avis d'une cliente ? et ça va dans quel email ?",
    );
    // A word the question before did not name is a topic of its own.
    expect(followUpSearchText('et ça va dans quel Reel ?', after("Dans ma séquence email, je peux mettre l'avis d'une cliente ?"))).toBeNull();
  });

  it('reaches back through a chain of follow-ups to the question that named the topic', () => {
    const history = after('Comment éviter les spams ?', 'Comment faire un Reel qui engage ?', 'tu peux me donner un exemple ?');
    expect(followUpSearchText('pourquoi ?', history)).toBe('Comment faire un Reel qui engage ? tu peux me un exemple ? pourquoi ?');
  });

  it('searches as written a message that names its topic, a long one, or one with no question before it', () => {
    expect(followUpSearchText('et pour les stories ?', after('Comment faire un Reel qui engage ?'))).toBeNull();
    expect(followUpSearchText("et si j'utilise Systeme.io ?", after('Je veux automatiser mes emails de bienvenue'))).toBeNull();
    expect(followUpSearchText('Combien de hashtags je dois mettre ?', after('Comment faire un Reel qui engage ?'))).toBeNull();
    expect(followUpSearchText("tu peux me donner un exemple de séquence d'emails ?", after('Comment faire un Reel qui engage ?'))).toBeNull();
    expect(followUpSearchText('comment ça marche ?', [])).toBeNull();
    const long = 'tu peux me donner un exemple et puis aussi un autre exemple et encore un autre après ça ?';
    expect(followUpSearchText(long, after('Comment faire un Reel qui engage ?'))).toBeNull();
  });
});

describe('searchTextOf', () => {
  it('searches a message as written, without its verbs of asking ("ça donne quoi ?" would find "données")', () => {
    expect(searchTextOf('et pour une bougie, ça donne quoi ?', after('Je suis céramiste, comment calculer mon prix ?'))).toBe('et pour une bougie, ça quoi ?');
    expect(searchTextOf('Comment planifier mes posts ?', [])).toBe('Comment planifier mes posts ?');
    // Nothing else to search: the message itself.
    expect(searchTextOf('Explique !', [])).toBe('Explique !');
    expect(searchTextOf('un exemple ?', after('Comment planifier mes posts ?'))).toBe('Comment planifier mes posts ? un exemple ?');
  });
});
