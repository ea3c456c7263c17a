import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/** Blind round 15: the classes of hand-over its messages found, each with the near-misses that stay answered. */
describe('escalation classes of blind round 15', () => {
  it('hands over the visitor\'s own exhaustion or low mood: a burn-out, a sick leave, crying every day, no longer getting up', () => {
    expect(detectEscalationIntent('Mon médecin m\'a mise en arrêt pour un burn-out, je ne pourrai pas suivre les séances du mois prochain')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Je n\'arrive plus à me lever le matin, je pleure tous les jours depuis mon lancement raté')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('je suis en burn out depuis la sortie de ma formation, je fais comment pour mon accompagnement ?')?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Je prépare un Reel sur le burn-out des entrepreneures, quelle accroche ?')).toBeNull();
    expect(detectEscalationIntent('J\'accompagne des femmes en burn-out, quel lead magnet leur proposer ?')).toBeNull();
    expect(detectEscalationIntent('Mes clientes en arrêt maladie ne lisent plus mes emails, je fais une pause dans la séquence ?')).toBeNull();
  });

  it('hands over a question whether the visitor has the right to force someone to do something', () => {
    expect(detectEscalationIntent('Mon ex-associée utilise encore nos visuels sur son compte après notre séparation, j\'ai le droit de l\'obliger à les retirer ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Est-ce que j\'ai le droit de lui interdire de reprendre mes textes ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Est-ce que j\'ai le droit d\'utiliser une musique tendance dans mon Reel ?')).toBeNull();
  });

  it('hands over someone of the team asked to do something with the visitor, or by video or phone', () => {
    expect(detectEscalationIntent('J\'ai l\'impression de tourner en rond, est-ce que quelqu\'un de l\'équipe pourrait regarder mon compte Zapier avec moi en visio ?')?.category).toBe('human');
    expect(detectEscalationIntent('Un conseiller peut-il vérifier mon tunnel au téléphone ?')?.category).toBe('human');
    expect(detectEscalationIntent('Comment trouver quelqu\'un qui peut faire mes visuels avec moi ?')).toBeNull();
    expect(detectEscalationIntent('Ma graphiste pourrait retoucher mes couvertures avec moi en visio, je lui envoie quoi ?')).toBeNull();
  });
});

describe('the chat\'s own answers called automatic', () => {
  it('do not make a request for a person a how-to of the visitor\'s automation', () => {
    expect(detectEscalationIntent("J'ai l'impression de tourner en rond avec les réponses automatiques, est-ce que quelqu'un de l'équipe pourrait regarder mon compte Zapier avec moi en visio ?")?.category).toBe('human');
    expect(detectEscalationIntent('Comment configurer des réponses automatiques dans Zapier pour mes clientes ?')).toBeNull();
  });
});

describe('a complaint to the CNIL', () => {
  it('is a legal dispute, not a request about the visitor\'s own data', () => {
    expect(detectEscalationIntent("Une abonnée m'a répondu très énervée qu'elle allait me signaler à la CNIL parce que je lui écris sans son accord. Est-ce que je risque quelque chose légalement ?")?.category).toBe('legal');
    expect(detectEscalationIntent('Une cliente menace de porter plainte auprès de la CNIL contre moi, je fais quoi ?')?.category).toBe('legal');
    // The visitor's own data asked for beside the threat: the request about their data.
    expect(detectEscalationIntent('Si vous ne supprimez pas mes données je saisis la CNIL')?.category).toBe('personal_data');
    expect(detectEscalationIntent('Est-ce que je risque quelque chose juridiquement si j\'envoie une newsletter sans case à cocher ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Quelles données personnelles avez-vous sur moi ? Je veux les voir, merci de répondre selon la CNIL')?.category).toBe('personal_data');
  });
});

describe('the classes of blind round 15 leave ordinary expert questions alone (review)', () => {
  it('someone else\'s sick leave, a burn-out to avoid, a leave behind the visitor, a story told in content', () => {
    expect(detectEscalationIntent('Je reprends après un arrêt maladie, comment relancer ma newsletter en douceur ?')).toBeNull();
    expect(detectEscalationIntent('Mon assistante est en arrêt maladie, comment automatiser mes emails en attendant ?')).toBeNull();
    expect(detectEscalationIntent('Je veux éviter le burn-out avec mon planning de contenu, comment batcher mes posts ?')).toBeNull();
    expect(detectEscalationIntent("J'ai fait un burn-out il y a deux ans, est-ce que je peux en parler dans mes stories ?")).toBeNull();
    // The visitor's own, now: still a person's.
    expect(detectEscalationIntent("Depuis mon arrêt maladie je n'arrive plus à me lever, je pleure tous les jours")?.category).toBe('out_of_scope');
    expect(detectEscalationIntent('Je suis en arrêt maladie pour un burn-out, qui peut reprendre mes séances ?')?.category).toBe('out_of_scope');
  });

  it('a platform setting the visitor may turn on or off is no legal matter; forcing a person is', () => {
    expect(detectEscalationIntent("Est-ce que j'ai le droit d'interdire les commentaires sur mes Reels ?")).toBeNull();
    expect(detectEscalationIntent("J'ai le droit d'empêcher quelqu'un de me taguer sur Instagram ?")).toBeNull();
    expect(detectEscalationIntent('Ai-je le droit de forcer le double opt-in sur mon formulaire Systeme.io ?')).toBeNull();
    expect(detectEscalationIntent("J'ai le droit d'obliger mon ex-associée à retirer nos visuels ?")?.category).toBe('legal');
    expect(detectEscalationIntent("Est-ce que j'ai le droit d'interdire à une concurrente de copier mes textes ?")?.category).toBe('legal');
  });

  it('a person named by a longer word is a person too: an associée, an ancienne salariée, a plagieuse (the words after ex, ancien, associé, plagieu)', () => {
    expect(detectEscalationIntent("J'ai le droit d'obliger mon associée à retirer nos visuels ?")?.category).toBe('legal');
    expect(detectEscalationIntent("Ai-je le droit d'interdire à mon ancienne salariée de reprendre mes clientes ?")?.category).toBe('legal');
    expect(detectEscalationIntent("J'ai le droit d'obliger une plagieuse à retirer mes textes ?")?.category).toBe('legal');
    expect(detectEscalationIntent("J'ai le droit d'empêcher mon ex-compagnon de publier nos photos ?")?.category).toBe('legal');
  });
});

describe('the classes of blind round 15 leave platform permissions and a planned leave alone (second review)', () => {
  it('a right over a person is legal only for what a dispute is about: removing, copying, paying, using one\'s work', () => {
    expect(detectEscalationIntent("Ai-je le droit d'empêcher mon assistante d'accéder à mon compte Canva ?")).toBeNull();
    expect(detectEscalationIntent("J'ai le droit de forcer mes clientes à réserver par Calendly plutôt que par message ?")).toBeNull();
    expect(detectEscalationIntent("Ai-je le droit d'interdire à mes stagiaires de publier sur le compte de la marque ?")).toBeNull();
    expect(detectEscalationIntent("J'ai le droit d'obliger mon associée à retirer nos visuels ?")?.category).toBe('legal');
    expect(detectEscalationIntent("Est-ce que j'ai le droit d'obliger mon ancienne salariée à supprimer les photos ?")?.category).toBe('legal');
    expect(detectEscalationIntent("J'ai le droit d'interdire à une plagieuse de reprendre mes textes ?")?.category).toBe('legal');
  });

  it('a leave planned ahead is no exhaustion lived now', () => {
    expect(detectEscalationIntent("Je serai en arrêt de travail deux semaines, comment programmer mes posts à l'avance ?")).toBeNull();
  });
});

describe('legal words that name a subject or a profession, not a dispute (second review)', () => {
  it('a legal practice\'s marketing and a trial as a post\'s subject are expert questions; a threat of a trial is legal', () => {
    expect(detectEscalationIntent('Comment rédiger la page À propos de mon cabinet juridique sur mon site ?')).toBeNull();
    expect(detectEscalationIntent('Je veux faire un post sur le procès Depp-Heard pour parler de réputation, quelle accroche ?')).toBeNull();
    expect(detectEscalationIntent('Une cliente menace de me faire un procès, je fais quoi ?')?.category).toBe('legal');
    expect(detectEscalationIntent('Quel statut juridique choisir entre SASU et micro-entreprise ?')).not.toBeNull();
    expect(detectEscalationIntent("J'ai besoin d'un avis juridique sur ma responsabilité")?.category).toBe('legal');
  });
});
