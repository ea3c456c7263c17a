import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/** Blind round 14: the classes of hand-over its messages found, each with the near-misses that stay answered. */
describe('escalation classes of blind round 14', () => {
  it('hands over the visitor\'s own symptoms whatever work the story names as their cause', () => {
    expect(detectEscalationIntent('Bonjour, depuis que je travaille sur mon lancement je dors trois heures par nuit et j\'ai des palpitations, est-ce que je dois arrêter ?')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Depuis que je tourne mes vidéos tous les jours j\'ai mal au dos, c\'est normal ?')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('J\'ai fait un Reel sur des palpitations liées au stress, quel hook ?')).toBeNull();
    expect(detectEscalationIntent('Je prépare un carrousel sur la fièvre des enfants, combien de slides ?')).toBeNull();
  });

  it('hands over a question whether the visitor risks a lawsuit, not a process', () => {
    expect(detectEscalationIntent('Une rédactrice que j\'ai payée pour mon guide de ton a copié mot pour mot le site d\'une concurrente, est-ce que je risque un procès ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Si je reprends la photo d\'une autre, je risque des poursuites ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Comment je décris le process de mon accompagnement sur ma page de vente ?')).toBeNull();
    expect(detectEscalationIntent('Quel processus pour valider mes visuels avec ma graphiste ?')).toBeNull();
  });

  it('hands over someone to reach named in a relative clause, or a talk aloud', () => {
    expect(detectEscalationIntent('Est-ce qu\'il y aurait quelqu\'un chez vous avec qui je pourrais échanger de vive voix à propos de mon accompagnement ?')?.category).toBe('human');
    expect(detectEscalationIntent('Il y a une personne de l\'équipe à qui je peux parler de mon contrat ?')?.category).toBe('human');
    expect(detectEscalationIntent('J\'aimerais en parler de vive voix, c\'est possible ?')?.category).toBe('human');
    expect(detectEscalationIntent('Comment trouver quelqu\'un avec qui faire un live à deux sur Instagram ?')).toBeNull();
  });
});
