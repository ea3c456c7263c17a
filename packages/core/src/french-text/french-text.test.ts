import { describe, expect, it } from 'vitest';
import { contentStems, foldFrench, isOneTypoApart, normalizeFrench, splitSentences, stemFrench, tokenizeFrench } from './french-text.ts';

describe('normalizeFrench', () => {
  it('lowercases, folds accents and ligatures, drops elisions with any apostrophe', () => {
    expect(normalizeFrench("L'e-mail d’Audrey : qu'il est CRÉATIF ! Œuvre")).toBe('e mail audrey il est creatif oeuvre');
    expect(normalizeFrench("J'ai parlé à quelqu'un aujourd'hui")).toBe('ai parle a quelquun aujourdhui');
  });

  it('keeps digits and splits on punctuation', () => {
    expect(tokenizeFrench('Systeme.io, 12h/24 !')).toEqual(['systeme', 'io', '12h', '24']);
    expect(tokenizeFrench('   ')).toEqual([]);
  });
});

describe('stemFrench', () => {
  it('gives one stem to the forms of a word', () => {
    const groups = [
      ['automatiser', 'automatisation', 'automatisee', 'automatisees', 'automatise'],
      ['email', 'emails'],
      ['story', 'stories'],
      ['remboursement', 'rembourser', 'rembourse'],
      ['mecontent', 'mecontente', 'mecontentes'],
      ['webinaire', 'webinaires'],
      ['tunnel', 'tunnels'],
      ['reseau', 'reseaux'],
      ['creneau', 'creneaux'],
      ['oublier', 'oublie', 'oublies', 'oubliees', 'oublient'],
      ['reserver', 'reservent', 'reservation', 'reserve'],
      ['partager', 'partagent', 'partage'],
      ['envoyer', 'envoient', 'envoi', 'envoye'],
      ['payer', 'paiement', 'pay'],
      ['day', 'days'],
      ['key', 'keys'],
      ['different', 'differente', 'differents'],
      ['client', 'clients', 'cliente', 'clientes'],
    ];
    for (const group of groups) expect(new Set(group.map(stemFrench)).size, group.join(',')).toBe(1);
  });

  it('keeps the -ent of short stems, and tells apart words that only share a beginning', () => {
    expect(stemFrench('client')).toBe('client');
    expect(stemFrench('argent')).toBe('argent');
    expect(stemFrench('parent')).toBe('parent');
    expect(stemFrench('reseau')).not.toBe(stemFrench('reserver'));
    expect(stemFrench('clic')).not.toBe(stemFrench('client'));
  });

  it('keeps short words and numbers', () => {
    expect(stemFrench('crm')).toBe('crm');
    expect(stemFrench('2026')).toBe('2026');
  });
});

describe('contentStems', () => {
  it('reads "rendez-vous" as one word, not a form of "rendre"', () => {
    expect(contentStems('Prendre rendez-vous')).toEqual(contentStems('prendre un rendez vous'));
    expect(contentStems('rendez-vous')).toHaveLength(1);
    expect(contentStems('rendez-vous')[0]).not.toBe(stemFrench('rendre'));
  });

  it('removes stop words', () => {
    expect(contentStems('Comment automatiser mes emails de bienvenue avec Kajabi?')).toEqual([
      'automatis',
      'email',
      'bienvenu',
      'kajabi',
    ]);
  });
});

describe('splitSentences', () => {
  it('splits on sentence punctuation followed by a capital, not inside names', () => {
    expect(splitSentences('# Titre\nUn son. Systeme.io est utile ! Et 12 h. « Oui » dit-elle.\n- item un')).toEqual([
      'Titre',
      'Un son.',
      'Systeme.io est utile !',
      'Et 12 h.',
      '« Oui » dit-elle.',
      'item un',
    ]);
  });
});

describe('isOneTypoApart', () => {
  it.each([
    ['tunel', 'tunnel'],
    ['hastag', 'hashtag'],
    ['legande', 'legende'],
    ['webinnaire', 'webinaire'],
    ['kajbai', 'kajabi'],
  ])('%s ~ %s', (left, right) => {
    expect(isOneTypoApart(left, right)).toBe(true);
    expect(isOneTypoApart(right, left)).toBe(true);
  });

  it.each([
    ['tunnel', 'tunnel'],
    ['canva', 'carrousel'],
    ['poster', 'postes!'],
    ['automatiser', 'automatisation'],
  ])('%s is not one typo from %s', (left, right) => {
    expect(isOneTypoApart(left, right)).toBe(false);
  });
});

describe('folding and normalising, short-cuts', () => {
  it('folds ASCII text as the full path does (the backtick is an apostrophe)', () => {
    expect(foldFrench("It`s L'Email")).toBe("it's l'email");
    expect(foldFrench('PLAIN words 42')).toBe('plain words 42');
    expect(foldFrench('Œuvre Élève’s')).toBe("oeuvre eleve's");
  });

  it('gives each text its own result when texts alternate (the last result is kept)', () => {
    const texts = ["L'e-mail d'Audrey !", 'Aujourd’hui, un RENDEZ-VOUS', "L'e-mail d'Audrey !", ''];
    expect(texts.map((text) => normalizeFrench(text))).toEqual(['e mail audrey', 'aujourdhui un rendezvous', 'e mail audrey', '']);
  });
});
