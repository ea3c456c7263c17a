import { describe, expect, it } from 'vitest';
import { contentStems, normalizeFrench, stemFrench } from './french-text.ts';
import { verbFamilyStem } from './verb-families.ts';

/** Stems of written words (accents and all), as a message or a passage gives them. */
const stemsOf = (words: readonly string[]) => new Set(words.map((word) => stemFrench(normalizeFrench(word))));

describe('stemFrench joins a word family', () => {
  it.each([
    ['a doer in -eur and its verb in -er and noun in -ement', ['hébergeur', 'hébergeurs', 'héberger', 'héberge', 'hébergement', 'hébergé']],
    ['a doer in -eur, another -er verb', ['développeur', 'développeurs', 'développer', 'développe', 'développement']],
    ['a quality in -eur and its adjective', ['largeur', 'large', 'larges']],
    ['a comparative in -eur, masculine and feminine', ['meilleur', 'meilleure', 'meilleurs', 'meilleures']],
    ['-crire verbs: infinitive, present, participle, extended root, noun', ['inscrire', 'inscris', 'inscrit', 'inscrite', 'inscrits', 'inscrivez', 'inscrivent', 'inscription', 'inscriptions']],
    ['-crire verbs: écrire and its noun', ['écrire', 'écris', 'écrit', 'écrivais', 'écriture']],
    ['-ndre verbs: infinitive, present, participle and the noun in -onse', ['répondre', 'réponds', 'répond', 'répondez', 'répondent', 'répondu', 'réponse', 'réponses']],
    ['-ndre verbs: vendre and its doer', ['vendre', 'vends', 'vend', 'vendez', 'vendu', 'vendeur']],
    ['-duire verbs: present, extended root, noun, doer', ['produire', 'produis', 'produisez', 'produisent', 'production', 'producteurs']],
    ['-struire verbs', ['construire', 'construis', 'construit', 'construction']],
    ['-ir verbs: infinitive, present, participle, extended root', ['choisir', 'choisis', 'choisi', 'choisie', 'choisissez', 'choisissent']],
    ['-er verbs, as before: participle, infinitive, noun in -ation, doer in -ateur', ['créé', 'créer', 'crée', 'créée', 'création', 'créateur', 'créatrice']],
  ])('%s', (_family, words) => {
    expect(stemsOf(words).size, words.join(', ')).toBe(1);
  });
});

describe('stemFrench keeps apart', () => {
  it('short words before -eur: moteur is not mot, valeur, erreur, auteur, joueur keep their -eur', () => {
    expect(stemFrench('moteur')).not.toBe(stemFrench('mot'));
    expect(stemFrench('moteurs')).toBe(stemFrench('moteur'));
    for (const word of ['valeur', 'erreur', 'auteur', 'joueur']) expect(stemFrench(word)).toBe(word);
  });

  it('words of another meaning that the -eur rule would join', () => {
    expect(stemFrench('auditeurs')).not.toBe(stemFrench('audit'));
    expect(stemFrench('compteur')).not.toBe(stemFrench('compte'));
  });

  it('words whose -ir is not a verb ending, and verbs too short to lose it', () => {
    expect(stemFrench('clair')).toBe('clair');
    expect(stemFrench('savoir')).toBe('savoir');
    expect(stemFrench('soir')).toBe('soir');
    expect(stemFrench('lire')).not.toBe(stemFrench('lis'));
  });

  it('nouns that only look like a family', () => {
    expect(stemFrench('instrument')).not.toBe(stemFrench('instructions'));
    expect(stemFrench('commission')).not.toBe(stemFrench('commis'));
    expect(stemFrench('partie')).not.toBe(stemFrench('partir'));
    expect(stemFrench('ordre')).not.toBe(stemFrench('or'));
    expect(stemFrench('produit')).not.toBe(stemFrench('productivite'));
    expect(stemFrench('pense')).not.toBe(stemFrench('pendre'));
    expect(stemFrench('depense')).not.toBe(stemFrench('dependre'));
    expect(stemFrench('cri')).toBe('cri');
  });

  it('keeps the joins and the exceptions it had', () => {
    expect(stemFrench('profit')).toBe(stemFrench('profiter'));
    expect(stemFrench('client')).toBe('client');
    expect(stemFrench('prix')).not.toBe(stemFrench('pris'));
    expect(stemFrench('publication')).not.toBe(stemFrench('public'));
  });
});

describe('verbFamilyStem', () => {
  it('claims only the words of its families', () => {
    expect(verbFamilyStem('inscri')).toBe('inscri');
    expect(verbFamilyStem('reponse')).toBe('repond');
    expect(verbFamilyStem('hebergeur')).toBeUndefined();
    expect(verbFamilyStem('automatiser')).toBeUndefined();
  });
});

describe('contentStems', () => {
  it('gives a question and a passage written with other forms of a word the same stems', () => {
    expect(contentStems('Quel hébergeur pour mon podcast ?')).toEqual(contentStems('Héberger son podcast'));
    expect(contentStems('Comment s’inscrire ?')).toEqual(contentStems('Inscription'));
  });
});
