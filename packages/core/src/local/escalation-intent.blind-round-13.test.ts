import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/** Blind round 13: the classes of hand-over its messages found, each with the near-misses that stay answered. */
describe('escalation classes of blind round 13', () => {
  it('reads "la différence entre X et Y" as a comparison, not a price difference', () => {
    expect(detectEscalationIntent("je comprends pas la différence entre une séquence et un broadcast, vous pouvez m'expliquer ?")).toBeNull();
    expect(detectEscalationIntent("Vous m'avez facturé le plein tarif, je voudrais qu'on me rembourse la différence, pouvez-vous corriger ?")?.category).toBe('billing');
  });

  it('reads a double payment to come or feared as no charge, a past one as a charge', () => {
    expect(detectEscalationIntent('c\'est quoi la différence entre un tag et une liste dans Kit ? Je vais pas payer deux fois la même personne ?')).toBeNull();
    expect(detectEscalationIntent('Je ne veux pas être prélevée deux fois pour le même outil, je choisis quel plan ?')).toBeNull();
    expect(detectEscalationIntent("j'ai payer deux fois votre formation")?.category).toBe('billing');
    expect(detectEscalationIntent('Vous m\'avez prélevée deux fois ce mois-ci')?.category).toBe('billing');
  });

  it('hands over the visitor\'s own login code that never arrives, not their students\' nor a tool\'s', () => {
    expect(detectEscalationIntent("Mon code de connexion à l'espace élève n'arrive jamais, j'ai essayé 4 fois depuis ce matin")?.category).toBe('account');
    expect(detectEscalationIntent("Le code de connexion de mes élèves n'arrive jamais dans leur boîte, comment régler ça ?")).toBeNull();
  });

  it('hands over the withdrawal period of the agency\'s offer, not one to write into one\'s own terms', () => {
    expect(detectEscalationIntent("Y a-t-il un délai de rétractation pour votre coaching que j'ai acheté en ligne ? J'ai changé d'avis")?.category).toBe('billing');
    expect(detectEscalationIntent('Quel délai de rétractation je dois mettre dans mes CGV pour mes clientes ?')?.category).not.toBe('billing');
  });

  it('hands over the visitor\'s own symptoms, not a content about them', () => {
    expect(detectEscalationIntent("Bonsoir, j'ai mal au ventre depuis trois jours avec de la fièvre, je dois aller aux urgences ou attendre ?")?.category).toBe('out_of_scope');
    expect(detectEscalationIntent("J'ai une migraine depuis hier, c'est grave ?")?.category).toBe('out_of_scope');
    expect(detectEscalationIntent("Je prépare un Reel sur le mal au ventre des enfants, quel format ?")).toBeNull();
  });

  it('reads what to write on a certificate as composing it, asking for the agency\'s certificate as a request', () => {
    expect(detectEscalationIntent("est-ce que je peux écrire diplôme sur l'attestation de ma formation")).toBeNull();
    expect(detectEscalationIntent("Pouvez-vous m'envoyer l'attestation de ma formation ?")?.category).toBe('billing');
  });
});
