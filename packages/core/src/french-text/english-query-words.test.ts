import { describe, expect, it } from 'vitest';
import { queryTextForModel } from '../retrieval/query-text.ts';
import { withFrenchEquivalents } from './english-query-words.ts';

describe('withFrenchEquivalents', () => {
  it('drops English function words and adds French equivalents after English field words', () => {
    expect(withFrenchEquivalents('how many times a week should i post? i cant keep up')).toBe('times fois a week semaine post publier publication up');
    expect(withFrenchEquivalents('what kind of coaching does the agency offer?')).toBe('coaching accompagnement agency agence offer offre');
  });

  it('keeps the tool names and the words of both languages', () => {
    expect(withFrenchEquivalents('whats the difference between zapier and make, which one should i pick?')).toContain('zapier make');
    expect(withFrenchEquivalents('my newsletter keeps landing in spam, what settings should I check?')).toContain('newsletter');
  });

  it('drops "make" the English verb, keeps Make the tool', () => {
    expect(withFrenchEquivalents('how do I make a reel?')).toBe('a reel');
    expect(withFrenchEquivalents('how to make my first zap')).not.toContain('make');
    expect(withFrenchEquivalents('make sure my emails arrive, how?')).not.toContain('make');
    expect(withFrenchEquivalents('is make cheaper than zapier?')).toContain('make');
    expect(withFrenchEquivalents('how do I connect stripe to make?')).toContain('make');
    expect(withFrenchEquivalents('should I switch to make or zapier?')).toContain('make');
  });

  it('looks a word up without its elided article ("d\'hooks", "l\'upsell")', () => {
    expect(withFrenchEquivalents("des exemples d'hooks pour mes reels ?")).toBe("des exemples d'hooks pour mes reels ? accroches");
    expect(withFrenchEquivalents("c'est quoi l'upsell de mes followers ?")).toContain('abonnees');
    // "m'a" is no English "a": Make stays the tool.
    expect(withFrenchEquivalents("Make m'a envoyé un mail 'Scenario has been deactivated', ça veut dire quoi ?")).toMatch(/^make /);
  });

  it('adds the French of a contract\'s terms ("notice", "contract")', () => {
    expect(withFrenchEquivalents('How long is the notice period to end the contract with my VA?')).toContain('preavis');
    expect(withFrenchEquivalents('How long is the notice period to end the contract with my VA?')).toContain('contrat');
  });

  it('reads "how long" as the French "combien de temps" (a length of time asked), a long thing as long', () => {
    expect(withFrenchEquivalents('how long should a reel be?')).toBe('combien de temps a reel');
    expect(withFrenchEquivalents('a long caption or a short one?')).toContain('long');
  });

  it('adds "accroche" after "hook", not after "webhook"', () => {
    expect(withFrenchEquivalents("c'est quoi un bon hook pour un reel ?")).toContain('accroche');
    expect(withFrenchEquivalents('mon webhook stripe a échoué')).not.toContain('accroche');
  });

  it('adds "publier publication" after the chat verb "poster"', () => {
    expect(withFrenchEquivalents('je dois poster à quelle fréquence ?')).toBe('je dois poster à quelle fréquence ? publier publication');
  });

  it('adds "automatisation" after Zapier\'s "zap"', () => {
    expect(withFrenchEquivalents('comment je crée un zap ?')).toBe('comment je crée un zap ? automatisation');
  });

  it('leaves a French message as it is, even with words French shares with English', () => {
    for (const message of ['Comment faire un post court ?', 'Je suis contente de mon contenu, la page est en ligne', 'Quelle police pour mon logo ?']) {
      expect(withFrenchEquivalents(message)).toBe(message);
    }
  });

  it('adds the French equivalents of the English field words of a French message after it', () => {
    expect(withFrenchEquivalents('comment avoir plus de followers ?')).toBe('comment avoir plus de followers ? abonnees');
    expect(withFrenchEquivalents('mon funnel ne convertit pas')).toBe('mon funnel ne convertit pas tunnel de vente');
  });

  it('adds the words of sales-page guides after a countdown named in English, and "newsletter" after "lettre d’info"', () => {
    expect(withFrenchEquivalents('un faux timer sur ma page de vente, ça se voit ?')).toBe('un faux timer sur ma page de vente, ça se voit ? minuteur compte rebours');
    expect(withFrenchEquivalents('le countdown marche sur mobile ?')).toBe('le countdown marche sur mobile ? compte rebours minuteur');
    expect(withFrenchEquivalents('mes couvertures de highlights')).toBe('mes couvertures de highlights stories a la une');
    expect(withFrenchEquivalents("la même mise en page pour ma lettre d'info")).toBe("la même mise en page pour ma lettre d'info newsletter");
    expect(withFrenchEquivalents("Ma lettre d'information, ma newsletter")).toBe("Ma lettre d'information, ma newsletter");
  });

  it("adds the knowledge base's terms after everyday words for emails and spam", () => {
    expect(withFrenchEquivalents('Mes mails finissent dans les courriers indésirables')).toBe('Mes mails finissent dans les courriers indésirables emails spams');
    expect(withFrenchEquivalents('my mails land in junk')).toBe('mails emails land junk spam');
  });

  it("adds the documents' words after French chat shorthand and after 'taille'", () => {
    expect(withFrenchEquivalents('comment éviter les rdv oubliés ?')).toBe('comment éviter les rdv oubliés ? rendez vous');
    expect(withFrenchEquivalents('quelle taille pour une épingle ?')).toBe('quelle taille pour une épingle ? format dimensions');
    expect(withFrenchEquivalents('un tuto pour mon appli ?')).toBe('un tuto pour mon appli ? tutoriel application');
  });

  it('adds the words of a price page after a question about what a thing costs', () => {
    expect(withFrenchEquivalents('prix ?')).toBe('prix ? tarif');
    expect(withFrenchEquivalents('Quels sont vos tarifs ?')).toBe('Quels sont vos tarifs ? prix');
    expect(withFrenchEquivalents('ça coûte combien ?')).toBe('ça coûte combien ? prix tarif');
    expect(withFrenchEquivalents('Quel est le coût du programme ?')).toBe('Quel est le coût du programme ? prix tarif');
  });
});

describe('withFrenchEquivalents on English word forms', () => {
  it('finds the equivalent of a word in -ing, -ed or -s through its base form', () => {
    expect(withFrenchEquivalents('how many weeks before launching should I start promoting it?')).toContain('launching lancement lancer');
    expect(withFrenchEquivalents('how many weeks before launching should I start promoting it?')).toContain('promoting promouvoir promotion');
    expect(withFrenchEquivalents('what size should my Pinterest pins be?')).toContain('pins epingles');
    expect(withFrenchEquivalents('I never launched anything')).toContain('launched lancement lancer');
  });

  it('leaves short words and words without a known base alone', () => {
    expect(withFrenchEquivalents('is this thing working for you?')).toBe('working');
  });
});

describe('queryTextForModel', () => {
  it('gives the French-lexical local models the French equivalents, live models the question as written', () => {
    const question = 'how do I get a refund?';
    expect(queryTextForModel('local-hashing-v4', question)).toContain('remboursement');
    expect(queryTextForModel('local-lexical-v1', question)).toContain('remboursement');
    expect(queryTextForModel('text-embedding-3-small', question)).toBe(question);
  });
  it('searches "vous êtes où ?" (stop words only) as the agency’s address', () => {
    for (const question of ['Vous êtes où ?', 'où êtes-vous exactement ?', 'Where are you?']) expect(withFrenchEquivalents(question), question).toContain('adresse locaux');
    expect(withFrenchEquivalents('Où publier mes Reels ?')).not.toContain('adresse');
  });
});
