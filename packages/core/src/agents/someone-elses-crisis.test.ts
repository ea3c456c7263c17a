import { describe, expect, it } from 'vitest';
import { escalationReply } from './escalation-reply.ts';
import { urgentHelpOf } from './urgent-help.ts';
import { KeywordRouter } from '../local/keyword-router.ts';

describe('someone the visitor is with speaks of ending their life now (someone-elses-crisis.ts)', () => {
  it.each([
    "Ma cliente vient de me dire en séance qu'elle pense à en finir, je fais quoi là maintenant ?",
    'mon amie veut se suicider, elle est chez moi, aidez-moi',
    "ma soeur m'écrit qu'elle va mettre fin à ses jours ce soir",
    'my client says she wants to kill herself, what do I do?',
    // Reported in the imperfect, as French reports what was just said.
    "mon associée m'a dit ce matin qu'elle voulait en finir, elle répond plus au téléphone",
  ])('is a crisis, with where to get help for the person at risk: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('someone_elses_crisis');
    expect(new KeywordRouter().decide({ message, history: [] }).kind).toBe('escalate');
  });

  it.each([
    'elle veut en finir avec la procrastination, je lui conseille quel outil ?',
    'mon chien est très malade, il va mourir ?',
    "un Reel sur une cliente qui pense à en finir, c'est trop ?",
    "ma cliente pensait à en finir il y a deux ans, elle m'autorise à raconter son histoire",
    'elle est morte de rire devant mon Reel',
    // How one wishes to die at the end of a life, heard in end-of-life care (a review of round 20's rules).
    "je suis doula de fin de vie, une patiente m'a dit qu'elle voulait mourir chez elle, comment présenter mon métier sur Instagram ?",
    'ma cliente veut mourir dans la dignité, je l’accompagne en soins palliatifs, comment en parler sur ma page de vente ?',
  ])('is not a crisis now: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });

  it('opens the reply with where to get help now, then the hand-over', () => {
    const reply = escalationReply('human', 'someone_elses_crisis');
    expect(reply.startsWith('Ce que tu décris est sérieux')).toBe(true);
    expect(reply).toContain('3114');
    expect(reply).toContain("une personne va te répondre ici même");
  });
});
