import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

/** Review of blind round 16's hand-over rules: ordinary questions with the rules' words, and the same classes said otherwise. */
describe('low mood and body signs of blind round 16, reviewed', () => {
  it.each([
    "Je n'ai plus envie de rien faire à la main, comment automatiser mes relances avec Zapier ?",
    "J'ai plus envie de rien gérer manuellement dans Kajabi, tu me conseilles quoi pour les emails ?",
    "Je n'ai plus envie de rien payer pour Kajabi, Systeme.io c'est vraiment gratuit ?",
    "Je n'ai plus envie de rien devoir recopier, Zapier peut envoyer mes inscrites dans Google Sheets ?",
    "Je n'ai plus le courage de continuer à tout faire à la main, quel outil pour automatiser mes factures ?",
    "Je n'ai plus la force de continuer mes lives chaque semaine, je peux les remplacer par des Reels ?",
    "Je n'ai plus l'énergie de continuer à répondre à tous les DM à la main, ManyChat peut m'aider ?",
    "Je n'ai plus le courage d'avancer sur mon tunnel de vente seule, par quoi je commence ?",
    "Je n'ai pas l'énergie de me lever à 6 h pour poster, comment programmer mes Reels ?",
    "Je ne veux même plus me lever à 5 h pour publier, on peut programmer les Reels à l'avance ?",
    "Je n'ai plus la force de me lever tôt pour mes lives, je peux les programmer en différé ?",
    "J'ai plus goût à rien de ce que je publie, comment retrouver mon style sur Instagram ?",
  ])('a task no longer wanted is a work\'s fatigue, answered: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    "Plus envie de rien. Même plus envie de me lever le matin.",
    "Franchement je n'ai plus aucune envie, je passe mes journées au lit.",
    "J'ai perdu goût à tout depuis l'échec de mon lancement.",
    "Je n'ai plus le moral du tout, je n'ai plus envie de rien faire de mes journées.",
    "Je n'ai plus la force de continuer, je n'y crois plus.",
    "Je n'ai plus la force de continuer à vivre comme ça.",
    "Honnêtement je n'en peux plus, je n'ai plus envie de rien, même plus de me lever pour mes clientes.",
  ])('low mood said otherwise stays with a person: %s', (message) => {
    expect(['out_of_scope', 'human']).toContain(detectEscalationIntent(message)?.category);
  });

  it.each([
    "J'ai des saignements de couleur sur mes cartes de visite imprimées depuis Canva, c'est le fond perdu ?",
    "J'ai des saignements sur les bords quand j'exporte mon flyer en PDF pour l'imprimeur, je règle quoi dans Canva ?",
    "J'ai des tremblements dans mes vidéos filmées au téléphone, comment stabiliser pour mes Reels ?",
    "J'ai des tremblements à l'image quand je filme en marchant, CapCut peut stabiliser ?",
    "Je suis sage-femme, j'ai des contractions à expliquer dans un carrousel, quelle mise en page ?",
    "J'ai des contractions dans mes légendes genre 't'es' et 'y'a', ça fait pas pro ?",
    "J'ai eu des saignements après mon accouchement et je veux en parler dans un Reel, comment rester pudique ?",
  ])('a medium\'s defect or a content is not a symptom: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
    expect(speaksOfOwnHealth(message)).toBe(false);
  });

  it.each([
    "J'ai de fortes contractions depuis une heure, je suis enceinte de 7 mois, c'est normal ?",
    "J'ai des petits saignements depuis ce matin, je suis enceinte.",
    'Je saigne depuis ce matin et je suis enceinte de 5 mois, je fais quoi ?',
    "J'ai des contractions très rapprochées, je dois aller à la maternité ?",
    "J'ai des saignements de nez tous les jours depuis une semaine, c'est inquiétant ?",
  ])('a body sign said otherwise is a symptom: %s', (message) => {
    expect(detectEscalationIntent(message)?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth(message)).toBe(true);
  });
});
