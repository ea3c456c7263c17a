import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';
import { speaksOfOwnHealth } from './escalation-out-of-scope.ts';

/** Blind round 16: the classes of hand-over its messages found, each with the ordinary questions that stay answered. */
describe('escalation classes of blind round 16', () => {
  it('hands over the visitor\'s own low mood: no longer wanting anything, no longer the strength to get up', () => {
    expect(detectEscalationIntent('Honnêtement je n\'en peux plus, je n\'ai plus envie de rien, même plus de me lever pour mes clientes.')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Depuis des semaines je n\'ai plus la force de me lever, je laisse tout tomber')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('j ai plus gout a rien depuis mon lancement')?.category).toBe('out_of_scope');
    expect(speaksOfOwnHealth('Je n\'ai plus envie de rien, même plus de me lever.')).toBe(true);
  });

  it('leaves a low mood that is a content\'s subject or a client\'s, and ordinary uses of the words', () => {
    expect(detectEscalationIntent('Je prépare un Reel sur le fait de ne plus avoir envie de rien en hiver, quelle accroche ?')).toBeNull();
    expect(detectEscalationIntent('Ma cliente n\'a plus envie de rien, quel email de suivi lui envoyer ?')).toBeNull();
    expect(detectEscalationIntent('Je n\'ai plus besoin de me lever à 5 h pour envoyer ma newsletter, merci Zapier')).toBeNull();
    expect(detectEscalationIntent('Je ne veux plus rien rater de mes stats, comment je les exporte ?')).toBeNull();
    expect(detectEscalationIntent("Je n'ai plus envie de rien poster sur Instagram, comment retrouver l'inspiration ?")).toBeNull();
  });

  it('hands over the visitor\'s own contractions or bleeding, not a content about them', () => {
    expect(detectEscalationIntent('Mon kit média c\'est bien beau, mais je suis enceinte de 8 mois et j\'ai des contractions depuis ce matin, c\'est normal ?')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('J\'ai des saignements depuis hier, je dois m\'inquiéter ?')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Je suis enceinte, comment préparer mes posts pendant mon congé maternité ?')).toBeNull();
    expect(detectEscalationIntent('Je suis sage-femme et je fais des Reels sur les contractions, quel hook ?')).toBeNull();
  });

  it('hands over someone of the team wished for by the visitor, whatever they are to do', () => {
    expect(detectEscalationIntent('Vos réponses sont gentilles mais j\'aurais besoin que quelqu\'un de chez vous regarde vraiment mon dossier.')?.category).toBe('human');
    expect(detectEscalationIntent('J\'aimerais qu\'une personne de l\'équipe jette un œil à ma page de vente')?.category).toBe('human');
    expect(detectEscalationIntent('J\'aimerais que quelqu\'un m\'explique comment relier Calendly à Zapier')).toBeNull();
    expect(detectEscalationIntent('J\'ai besoin que quelqu\'un de l\'équipe de ma cliente accède à mon Canva, comment je partage ?')).toBeNull();
  });

  it('leaves an unhappy client of the visitor\'s own to the experts, whatever word stands before "cliente"', () => {
    expect(detectEscalationIntent('Une ancienne cliente mécontente laisse des commentaires sous tous mes posts, je ne veux pas la bloquer ouvertement, qu\'est-ce que je peux faire ?')).toBeNull();
    expect(detectEscalationIntent('Une cliente mécontente laisse des avis sur ma page, je réponds comment ?')).toBeNull();
    expect(detectEscalationIntent('Mes nouvelles abonnées sont déçues du format, je change quoi ?')).toBeNull();
  });

  it('still hands over the visitor who is the unhappy client, or unhappy with the agency', () => {
    expect(detectEscalationIntent('Je suis une ancienne cliente mécontente de votre accompagnement')?.category).toBe('complaint');
    expect(detectEscalationIntent('Je suis une cliente mécontente')?.category).toBe('complaint');
    expect(detectEscalationIntent('Une cliente mécontente de votre formation, voilà ce que je suis.')?.category).toBe('complaint');
  });
});
