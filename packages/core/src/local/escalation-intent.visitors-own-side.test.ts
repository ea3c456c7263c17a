import { describe, expect, it } from 'vitest';
import { detectEscalationIntent } from './escalation-intent.ts';

/**
 * Older over-matches left by the reviews: someone of the visitor's own side (their team, their home, a film crew) wished
 * for, the visitor's own participant asking them for a refund, and money held by the visitor's own partner or tool were
 * handed to a person. Someone of the agency, a refund from the agency, and money the agency holds still are.
 */
describe("the visitor's own team, customers and partners are not the agency", () => {
  it.each([
    "il faudrait que quelqu'un de l'équipe puisse modifier mes visuels Canva",
    "Il faudrait que quelqu'un de l'équipe puisse modifier mes visuels Canva, je partage le design comment ?",
    "J'aimerais que quelqu'un de l'équipe puisse modifier mes visuels Canva sans toucher à ma charte",
    "J'aimerais que quelqu'un de l'équipe de tournage puisse récupérer les rushes facilement",
    "Je voudrais que quelqu'un de l'équipe de tournage ait accès à mon dossier Drive, c'est possible ?",
    "Je voudrais que quelqu'un de chez moi puisse publier mes Reels quand je suis absente",
    "J'aimerais que quelqu'un de chez moi réponde aux DM pendant mes vacances, quel outil ?",
    "Je voudrais quelqu'un de chez moi pour publier mes Reels, je lui donne quels accès ?",
    "Je veux quelqu'un de mon équipe qui puisse programmer mes posts Instagram",
    "Je voudrais que quelqu'un de l'équipe reçoive une copie de chaque inscription Kajabi",
    "Je voudrais que quelqu'un puisse réserver un créneau dans mon agenda sans passer par moi",
  ])('someone of the visitor\'s side, wished for, is their own business: %s', (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    'Une participante mécontente de mon atelier veut un remboursement, comment gérer ça dans Kajabi ?',
    "Une participante mécontente de mon atelier exige d'être remboursée, je dois accepter ?",
    'Une cliente de mon programme demande à être remboursée, je suis obligée ?',
    'Une participante de mon atelier veut un remboursement, que lui répondre ?',
    'Une élève de ma formation réclame un remboursement au bout de 3 semaines, je fais quoi ?',
    'Une cliente mécontente qui veut être remboursée, comment lui répondre ?',
    "Comme une cliente m'a demandé un remboursement, comment je mets une politique de remboursement dans Kajabi ?",
    'Je suis coach et une cliente qui veut être remboursée me harcèle, que faire sur Kajabi ?',
    'Je suis embêtée, une cliente veut être remboursée après 3 mois, comment le gérer dans Kajabi ?',
  ])("the visitor's own participant asking them for a refund is a question: %s", (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    "Mon partenaire d'affiliation bloque mon argent",
    "Mon partenaire d'affiliation bloque mon argent, comment le récupérer ?",
    'Stripe bloque mon argent depuis 10 jours',
    'Ma plateforme de paiement retient mon argent, je fais comment ?',
    'PayPal a gelé mes fonds après mon lancement, je fais quoi ?',
    "Mon associée garde mes gains de l'atelier, que faire ?",
    'Mon affilié refuse de me reverser mes commissions',
  ])("money held by the visitor's own partner or tool is their business: %s", (message) => {
    expect(detectEscalationIntent(message)).toBeNull();
  });

  it.each([
    'Mon mari garde tout mon argent',
    'Mon copain retient mon argent et je ne peux rien acheter',
    'mon ex retient mon argent',
    'Mon partenaire bloque mon argent',
  ])('money held by someone close to the visitor, not a party of their business, stays with a person: %s', (message) => {
    expect(detectEscalationIntent(message)).not.toBeNull();
  });

  it.each([
    ["quelqu'un de chez vous peut m'aider ?", 'human'],
    ["Je voudrais parler à quelqu'un de chez vous", 'human'],
    ['Votre équipe peut me rappeler ?', 'human'],
    ["quelqu'un de l'équipe pourrait m'aider ?", 'human'],
    ["J'aimerais que quelqu'un de l'équipe puisse regarder mon compte", 'human'],
    ["J'aimerais que quelqu'un regarde mon dossier", 'human'],
    ["Je voudrais que quelqu'un m'explique, je ne comprends rien", 'human'],
    ["Je voudrais que quelqu'un de votre équipe s'occupe de mon dossier", 'human'],
    ["Je voudrais quelqu'un de l'équipe", 'human'],
    ['Je veux être remboursée de ma formation', 'billing'],
    ['Je suis une participante de votre atelier et je veux un remboursement', 'billing'],
    ['Vous bloquez mon argent', 'billing'],
    ['Votre plateforme bloque mon argent', 'billing'],
    ['Ma banque dit que vous avez gardé mon argent', 'billing'],
    ['Rendez-moi mon argent', 'billing'],
    // The visitor says they are the client: theirs is the complaint or the refund.
    ['Je suis une cliente mécontente qui veut être remboursée', 'billing'],
    ['Je suis une élève qui veut être remboursée de la formation', 'billing'],
    ['Moi, une cliente qui a payé 900 euros, je veux mon argent', 'billing'],
  ])('the agency\'s team asked for, or its refund, stays with a person: %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });
});
