import { describe, expect, it } from 'vitest';
import { tellsWhatToDo } from './instruction-sentence.ts';

describe('a sentence that tells the visitor what to do', () => {
  it.each([
    "Pour que les sauts de ligne restent, écris la légende dans l'application et non dans un éditeur qui les supprime.",
    'Utilise une billetterie en ligne (Weezevent, HelloAsso pour une association).',
    "Si l'e-mail ne part pas, vérifie trois points : le format de la date importée.",
    'Ne transforme jamais un « pas maintenant » en relance hebdomadaire.',
    'Va dans Paramètres, puis Espace Comptes, puis « Mot de passe et sécurité ».',
    'Affiche-le en 40 pixels de large, en noir et blanc.',
    'Oui. Dans les réglages de l’évaluation, active « Note de passage ».',
    'Choisis l’heure d’envoi (9 h convient bien), puis l’e-mail.',
    'Méfie-toi des messages privés qui disent que ton compte va être supprimé.',
  ])('%s', (sentence) => expect(tellsWhatToDo(sentence)).toBe(true));

  it.each([
    'Le corps de la légende se lit sur téléphone : des paragraphes de deux ou trois lignes, une idée par paragraphe, et des sauts de ligne.',
    'Kajabi permet de repasser le quiz sans limite par défaut.',
    'Une relance de panier abandonné récupère en général 5 à 15 % de ces ventes.',
    'Monogramme (tes initiales ou un symbole) : Photo de profil Instagram, favicon ; Carré, 1 080 × 1 080 px.',
    'Trois couleurs et deux typographies : le logo se remarque, mais pas ton nom.',
    'Quelle longueur ? Il n’y a pas de bonne longueur unique.',
    'Chaque inscrite reçoit automatiquement la confirmation.',
    'Tu choisis entre les abonnées que tu suis en retour et ta liste d’amis proches.',
    // A subject and its verb: the word after the first is no determiner, pronoun, preposition or adverb.
    'Make désactive un scénario après plusieurs erreurs de suite.',
  ])('does not: %s', (sentence) => expect(tellsWhatToDo(sentence)).toBe(false));
});
