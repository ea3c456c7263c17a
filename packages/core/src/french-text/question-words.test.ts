import { describe, expect, it } from 'vitest';
import { contentStems } from './french-text.ts';
import { questionTopicStems } from './question-words.ts';

describe('questionTopicStems', () => {
  it('leaves out the framing of a question and keeps its topic', () => {
    expect(questionTopicStems('Je veux automatiser mes emails de bienvenue')).toEqual(['automatis', 'email', 'bienvenu']);
    expect(questionTopicStems('Que mettre dans mon titre LinkedIn ?')).toEqual(['titr', 'linkedin']);
    expect(questionTopicStems('Combien de temps laisser le replay disponible ?')).toEqual(['replai', 'disponibl']);
    expect(questionTopicStems("j'aimerais savoir combien de hashtags utiliser")).toEqual(['hashtag', 'utilis']);
    // "se font" frames the question: it matched "les inscriptions se font depuis la page Offres".
    expect(questionTopicStems('les prélèvements se font quand ?')).toEqual(questionTopicStems('les prélèvements ?'));
    // When the visitor speaks is no topic: "en ce moment" matched "au moment de la réservation".
    expect(questionTopicStems('je poste un peu au hasard en ce moment')).toEqual(['post', 'hasard']);
    expect(questionTopicStems("pour l'instant j'envoie ma newsletter à la main")).toEqual(questionTopicStems("j'envoie ma newsletter à la main"));
    expect(questionTopicStems('quel est le meilleur moment pour publier ?')).toContain(questionTopicStems('moment')[0]);
  });

  it('leaves out "idéal", "conseillé" after the amount asked, not after anything else', () => {
    expect(questionTopicStems("c'est quoi la durée idéale d'un webinaire ?")).toEqual(questionTopicStems("c'est quoi la durée d'un webinaire ?"));
    expect(questionTopicStems('la fréquence conseillée pour ma newsletter')).toEqual(questionTopicStems('la fréquence pour ma newsletter'));
    expect(questionTopicStems('le nombre idéal de hashtags')).toEqual(questionTopicStems('le nombre de hashtags'));
    // "quel nombre (idéal) de" asks a count, as "combien de" (a review of round 20's changes).
    expect(questionTopicStems('quel nombre idéal de hashtags ?')).toEqual(questionTopicStems('combien de hashtags ?'));
    // How often is asked, not what "fréquence" names ("Les causes fréquentes").
    expect(questionTopicStems('à quelle fréquence envoyer ma newsletter ?')).toEqual(questionTopicStems('envoyer ma newsletter ?'));
    expect(questionTopicStems("tous les combien j'envoie ma newsletter")).toEqual(questionTopicStems("j'envoie ma newsletter"));
    // "ma cliente idéale" is a topic of its own.
    expect(questionTopicStems('comment définir ma cliente idéale ?')).toContain(contentStems('idéale')[0]);
  });

  it('keeps "savoir" in "savoir-faire", "souhaits", and the words of a question that is nothing but framing', () => {
    expect(questionTopicStems('Comment mettre en avant mon savoir-faire ?')).toContain('savoir');
    expect(questionTopicStems('Comment écrire mes souhaits de fin d’année ?')).toContain(questionTopicStems('souhaite')[0]);
    expect(questionTopicStems('Combien de temps ?')).toEqual(['combien', 'temp']);
  });

  it('keeps "temps" when it is the topic, and the words whose stems only look like a light verb', () => {
    expect(questionTopicStems('Comment gagner du temps avec Zapier ?')).toContain('temp');
    expect(questionTopicStems('mot de passe oublié')).toEqual(['mot', 'pass', 'oubli']);
  });

  it('leaves out how the visitor feels ("je suis perdue"), not what was lost', () => {
    expect(questionTopicStems('combien je dois facturer mes seances de coaching ? jsuis perdue')).toEqual(contentStems('facturer seances coaching'));
    expect(questionTopicStems('Je me sens un peu perdu avec Kajabi')).toEqual(contentStems('Kajabi'));
    expect(questionTopicStems("J'ai perdu mon mot de passe")).toContain(contentStems('perdre')[0]);
  });

  it('leaves out "jusqu\'au bout" (to the end), not a "bout" of anything', () => {
    expect(questionTopicStems("Comment faire pour que mes abonnés regardent mes stories jusqu'au bout ?")).toEqual(contentStems('abonnés regardent stories'));
    expect(questionTopicStems('jusqu au bout du reel')).toEqual(contentStems('reel'));
    expect(questionTopicStems('au bout de combien de jours')).toContain(contentStems('bout')[0]);
  });

  it('leaves out "bon", "meilleur" before a rate or a price asked, not before a moment', () => {
    expect(questionTopicStems("c'est quoi un bon taux de conversion pour une page de vente ?")).not.toContain(contentStems('bon')[0]);
    expect(questionTopicStems("c'est quand le bon moment pour deleguer ?")).toContain(contentStems('bon')[0]);
    // The rate's "taux" is the kind of amount asked, not its topic; what a rate is keeps it.
    expect(questionTopicStems('quel taux de conversion pour ma page ?')).not.toContain(contentStems('taux')[0]);
    expect(questionTopicStems("c'est quoi le taux de passage ?")).toContain(contentStems('taux')[0]);
  });

  it('leaves out "j\'ai un problème avec…" (something wrong with what follows), not a problem that is the topic', () => {
    expect(questionTopicStems("j'ai un problème avec ma newsletter")).toEqual(contentStems('newsletter'));
    expect(questionTopicStems('on a un petit souci sur le zap')).toEqual(contentStems('zap'));
    expect(questionTopicStems('quel problème mon ebook résout ?')).toContain(contentStems('problème')[0]);
  });

  it('keeps "rendez-vous", whose "rendez" is not the light verb "rendre"', () => {
    expect(questionTopicStems('Comment prendre rendez-vous ?')).toEqual(contentStems('rendez-vous'));
    expect(questionTopicStems('Comment rendre mon profil plus visible ?')).toEqual(contentStems('profil plus visible'));
  });

  it('leaves out a request for advice ("des conseils pour…") and keeps what it is about', () => {
    expect(questionTopicStems("Mes reels ne décollent pas, des conseils pour l'accroche ?")).toEqual(contentStems("reels décollent l'accroche"));
    expect(questionTopicStems('quelques astuces sur les stories ?')).toEqual(contentStems('stories'));
    expect(questionTopicStems('tu as des conseils ?')).toEqual(contentStems('conseils'));
    expect(questionTopicStems('le conseil de Carole pour mes Reels')).toContain(contentStems('conseil')[0]);
  });

  it('leaves out "à quelle heure": the time asked is a cue, not a topic word ("2 heures" is no answer)', () => {
    expect(questionTopicStems('a quelle heure poster mes reels')).toEqual(contentStems('poster reels'));
    expect(questionTopicStems('À quelle heure publier ?')).toEqual(contentStems('publier'));
    expect(questionTopicStems("combien d'heures de vidéo ?")).toContain(contentStems('heures')[0]);
  });
});
