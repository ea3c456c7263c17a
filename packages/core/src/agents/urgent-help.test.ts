import { describe, expect, it } from 'vitest';
import { escalationReply } from './escalation-reply.ts';
import { urgentHelpOf } from './urgent-help.ts';

describe('urgentHelpOf', () => {
  it.each([
    "Je n'en peux plus, je pense à en finir, tout s'écroule avec mon business.",
    "j'ai envie de mourir, plus rien ne marche",
    'Je pense au suicide depuis quelques jours',
    "je suis suicidaire, je ne sais pas à qui parler",
    "J'ai plus envie de vivre honnêtement",
    'je veux mettre fin à mes jours',
    "I want to kill myself, my business is a failure",
    "I don't want to live anymore",
    'je pense à en finir 😅',
    'Je suis épuisée, je veux disparaître pour de bon',
    "Je veux que tout s'arrête, je n'en peux plus",
    "J'ai des idées noires, je n'arrive plus à rien",
    "je n'en peux plus, mon activité s'écroule et j'ai des pensées noires depuis des semaines",
    "J'ai souvent des pensées suicidaires le soir",
    // From a probe written after blind round 10.
    'Je ne sers à rien, tout le monde serait mieux sans moi',
    "je vois plus le bout, j'ai tout investi dans ce business et j'ai envie de tout arrêter, même de vivre",
    "Je n'arrive plus à créer du contenu, je pense à en finir",
    "Mes clientes m'ont toutes quittée, j'ai envie de mourir",
    "J'ai pris trop de cachets ce soir",
    "Personne ne me suivrait si je disparaissais, j'ai envie d'en finir avec tout ça",
    "Je n'ai plus la force de vivre",
  ])('distress: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('crisis');
  });

  it.each([
    "J'ai des douleurs dans la poitrine depuis ce matin, je dois quand même faire mon live ?",
    "j'ai mal à la poitrine et au bras gauche",
    "J'ai du mal à respirer depuis une heure",
    'je crois que je fais un malaise',
    'I have chest pain, should I cancel my session?',
    "J'ai des douleurs thoraciques et le bras gauche engourdi",
    'Ma fille vient de faire un malaise, elle ne répond plus',
    "Mon collègue s'est effondré, il ne respire plus",
    // From the review of the round's diff.
    "J'ai tellement mal à la poitrine, je n'arrive plus à respirer",
    "J'ai une douleur dans la poitrine et je ne peux pas finir ma vidéo",
    "Ma collègue vient de s'effondrer dans le bureau, elle ne répond plus et respire mal",
    // From a probe written after blind round 10.
    "J'ai une douleur qui serre dans le bras gauche et la mâchoire depuis une heure, je suis seule au bureau",
    "Mon mari vient de tomber dans l'escalier et ne répond plus, que faire ?",
    "Mon fils de 3 ans a avalé une pile bouton, j'appelle qui ?",
  ])('medical emergency: %s', (message) => {
    expect(urgentHelpOf(message)).toBe('medical_emergency');
  });

  it.each([
    '5 astuces pour en finir avec la procrastination',
    "Je veux en finir avec les tunnels qui ne convertissent pas",
    'Comment parler du suicide dans un Reel de prévention sans choquer ?',
    "Je prépare un post sur la crise cardiaque chez les femmes, quel visuel ?",
    "mdr j'ai ri à en mourir devant ton dernier Reel",
    'ce tunnel me tue, il ne convertit pas',
    'Mes patientes ont souvent mal à la poitrine quand elles stressent : quel contenu leur proposer ?',
    'Comment automatiser mes emails de bienvenue ?',
    "J'ai envie de mourir de rire devant ce Reel",
    'Pour en finir : Kajabi ou Systeme.io ?',
    'Je vais me tuer à refaire ce tunnel',
    "J'ai failli faire une crise cardiaque en voyant le prix des pubs",
    'Je fais un malaise à chaque fois que je regarde mes stats',
    'Mon associé ne répond plus depuis 3 jours sur Slack, je fais quoi ?',
    "J'ai envie de tout arrêter, même Instagram, je n'ai plus le temps",
    'Ce Reel ne sert à rien, je le supprime ?',
    'Mes clientes seraient mieux sans moi si je leur donnais des outils pour avancer seules ?',
    // From the review of this round's additions.
    "Mon site est tombé en panne et l'hébergeur ne répond plus, je fais quoi ?",
    'Kajabi est tombé en panne, le support ne répond plus',
    'Mon associé est tombé malade et ne répond plus aux mails',
    "J'ai mal à la mâchoire depuis mon rendez-vous chez le dentiste",
    "J'ai mal au bras gauche depuis ma séance de sport",
    'Je ne sers à rien dans ce lancement, mon associée fait tout',
    'Mes abonnés ? ils seraient mieux sans moi, je poste trop',
    "Ma mère a fait un AVC il y a deux ans, comment relancer ma liste email ?",
    "Je suis psychologue et j'accompagne des personnes suicidaires, comment écrire ma page de vente ?",
    "Je suis sophrologue, j'aide les gens qui ont du mal à respirer quand ils stressent",
    "J'ai envie de mourir quand je vois le prix de Kajabi 😂",
    // From a second probe, written after the fixes.
    "I'm a therapist writing Instagram captions about suicide awareness month, any tips on tone?",
    'Infirmière libérale, je veux créer un lead magnet pour les aidants de personnes qui ont fait un AVC',
    // From the review of the round's diff.
    "Mon taux d'ouverture s'est effondré depuis que j'ai changé d'outil, que faire ?",
    'Zapier ne répond plus et mes emails ne partent pas',
    "Comment parler à l'inconscient de ma cliente idéale dans mes emails ?",
    "Ma cliente s'est effondrée en séance, comment réagir en tant que coach ?",
    "Je veux que tout s'arrête : mes prélèvements, mon abonnement, tout.",
    "Baisser mes prix, c'est du suicide commercial ?",
    'Je vais disparaître quelques semaines cet été, comment programmer mes posts ?',
    'Je vais mourir si je dois encore refaire ce tunnel',
  ])('not urgent: %s', (message) => {
    expect(urgentHelpOf(message)).toBeNull();
  });
});

describe('the hand-over reply of an urgent message', () => {
  it('opens with the emergency numbers, then says who follows up', () => {
    const crisis = escalationReply('human', 'crisis');
    expect(crisis.startsWith('Ce que tu vis compte')).toBe(true);
    expect(crisis).toContain('3114');
    expect(crisis).toContain('112');
    expect(crisis).toContain("J'ai aussi prévenu l'équipe tout de suite : une personne va te répondre ici même");
    const emergency = escalationReply('out_of_scope', 'medical_emergency');
    expect(emergency).toMatch(/^Si c'est une urgence, appelle tout de suite le 15 \(SAMU\) ou le 112/);
    expect(emergency).toContain("J'ai aussi prévenu l'équipe tout de suite");
    expect(emergency).not.toContain('sort de ce qu');
  });

  it('is unchanged for other hand-overs', () => {
    expect(escalationReply('billing')).not.toContain('3114');
    expect(escalationReply('billing', null)).toBe(escalationReply('billing'));
  });
});
