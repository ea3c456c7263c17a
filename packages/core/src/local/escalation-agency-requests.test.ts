import { describe, expect, it } from 'vitest';
import { AGENCY_REQUEST_RULES } from './escalation-agency-requests.ts';
import { detectEscalationIntent, plainIntentText } from './escalation-intent.ts';

/** Whether one of the round-7 rules alone fires on the message (its pattern, not vetoed). */
const ruleFires = (message: string) => {
  const text = plainIntentText(message);
  return AGENCY_REQUEST_RULES.some((rule) => rule.pattern.test(text) && !rule.unless?.test(text));
};

// Blind round 7: requests to the agency the rules missed, as classes (other wordings than the round's).
describe('requests to the agency (blind round 7)', () => {
  it.each([
    // A consumer right exercised on a purchase.
    ['Je souhaite exercer mon droit de rétractation', 'billing'],
    ["Je voudrais me rétracter, j'ai acheté la formation il y a 5 jours", 'billing'],
    ['Je peux faire valoir mon délai de rétractation ?', 'billing'],
    ['I want to exercise my right of withdrawal for the course', 'billing'],
    // A quote asked for plainly.
    ['Je voudrais un devis pour accompagner mon équipe de 5 personnes', 'human'],
    ["J'aimerais un devis pour 3 séances de coaching individuel", 'human'],
    ["I'd like a quote for a team coaching package", 'human'],
    // Stop charging me.
    ['Arrêtez de me prélever !!', 'billing'],
    ["Cessez de me prélever, j'ai résilié le mois dernier", 'billing'],
    ['stop charging me please', 'billing'],
    // A document only the agency can issue.
    ["Pouvez-vous m'envoyer une attestation de formation pour mon employeur ?", 'billing'],
    ["J'aurais besoin d'une attestation de suivi de formation", 'billing'],
    ['Can you send me a certificate of completion?', 'billing'],
    // Writing to the agency again and again.
    ['ca fait 3 fois que je vous ecris et tjr pas de reponse', 'complaint'],
    ["C'est la deuxième fois que je vous écris pour ce problème", 'complaint'],
    ["I've emailed you three times and nobody answers", 'complaint'],
    // Reaching the agency, in English.
    ['how can I reach your support team?', 'human'],
    ["What's the best way to contact you?", 'human'],
    ['Can I email your team about my invoice?', 'human'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // Their own terms of sale, their clients' rights.
    'Comment rédiger la clause de droit de rétractation de mes CGV ?',
    'Une cliente veut exercer son droit de rétractation, je fais quoi ?',
    'Mes clientes peuvent-elles utiliser le droit de rétractation sur une formation en ligne ?',
    // A quote, an attestation or a certificate to make for their own clients.
    'Je voudrais créer un devis propre pour mes clientes',
    'Je voudrais un modèle de devis sur Canva',
    "j'ai besoin d'un devis automatique quand un prospect remplit mon formulaire",
    "J'ai besoin d'un devis type pour mes prestations de coaching",
    'Je voudrais un devis vierge à remplir',
    'Comment créer une attestation de formation pour mes stagiaires ?',
    'Je veux envoyer automatiquement un certificat à mes élèves à la fin du cours',
    'Je voudrais un certificat sur Canva pour mes participantes',
    // A client's direct debit to stop.
    'Comment arrêter de prélever une cliente qui a annulé sur Stripe ?',
    // Their audience's silence, how often to follow up.
    'ça fait 3 fois que je poste et toujours pas de réponse de mon audience',
    'Combien de fois faut-il relancer ses abonnés par email ?',
    // Reaching their own audience.
    'How can my clients contact me through my Instagram bio?',
    'How do I reach more people with my reels?',
    'How do I get my subscribers to reach out to me by email?',
  ])('answers: %s', (message) => {
    expect(ruleFires(message)).toBe(false);
    expect(detectEscalationIntent(message)).toBeNull();
  });
});

// Review of blind rounds 7 and 8 (M2-M5, S5): each rule narrowed to a request to the agency.
describe('requests to the agency after the review of rounds 7 and 8', () => {
  it.each([
    // M2: again and again (2 and up).
    ['C’est la 3e fois que je vous écris, toujours rien', 'complaint'],
    ['Ça fait 2 fois que je vous relance pour ma facture', 'complaint'],
    // M3: a quote asked for plainly.
    ["je voudrais un devis pour l'accompagnement VIP", 'human'],
    ["J'aimerais un devis pour 3 séances de coaching individuel", 'human'],
    ['Pouvez-vous me faire un devis pour le programme de groupe ?', 'human'],
    // M4: a document of the agency.
    ["Pouvez-vous m'envoyer une attestation de formation pour mon employeur ?", 'billing'],
    ['Je voudrais mes attestations de formation svp', 'billing'],
    ["Il me faut une attestation de formation pour mon employeur, vous pouvez me l'envoyer ?", 'billing'],
    // M5: the right exercised, even when asking how.
    ['Je veux exercer mon droit de rétractation, comment faire ?', 'billing'],
    // An invoice made out to the visitor's company.
    ['il me faudrait une facture au nom de ma société avec le numéro de TVA', 'billing'],
    // S5: reaching or calling the agency.
    ['Can I call you tomorrow about my invoice?', 'human'],
    ['Can I reach you by phone?', 'human'],
  ])('%s -> %s', (message, category) => {
    expect(detectEscalationIntent(message)?.category).toBe(category);
  });

  it.each([
    // M2: the first time, or how many times.
    'C’est la première fois que je vous écris, je lance mon podcast, des conseils ?',
    "C'est la première fois que je te demande de l'aide, comment faire un reel ?",
    'Combien de fois que je vous demande de mettre des sous-titres, c’est vraiment utile ?',
    // M3: sending or making a quote, a supplier's quote, a quote for their future clients.
    'Est-ce que je peux envoyer un devis avec Systeme.io ?',
    "On peut envoyer un devis par mail ou c'est mieux en PDF ?",
    'Can I send a quote by email before the discovery call?',
    "J'aimerais un devis de mon webdesigner pour refaire mon site, c'est quoi un prix correct ?",
    "I'd like a quote from a video editor for my reels, what's a fair price?",
    'Je voudrais un devis signé électroniquement par mes futurs clients, quel outil ?',
    "Je voudrais avoir un devis d'un photographe pour mes photos de marque, c'est combien en général ?",
    // M4: a certificate from elsewhere, a label, insurance.
    'Je voudrais obtenir un certificat de formation en PNL, laquelle choisir pour être crédible ?',
    'I want to get a certificate in life coaching, which one looks best on my website?',
    'Je peux avoir une attestation Qualiopi si je me forme chez un organisme ?',
    "J'ai besoin d'une attestation d'assurance pour louer une salle pour mon atelier, tu sais où ?",
    // M5: the visitor's obligation as a seller.
    'Dois-je appliquer le délai de rétractation à mes séances en ligne ?',
    'Est-ce que je dois appliquer le droit de rétractation pour une séance de coaching vendue en ligne ?',
    // "Stop charging me" with something other than money.
    "Arrêtez de me prélever l'énergie avec ces algorithmes Instagram haha, comment faire des reels plus vite ?",
    // S5: another company's support, a name, a channel to share ideas.
    'Should I contact the support of Systeme.io to fix my domain?',
    'What should I call you? Audrey or Carole?',
    'Can I reach you on Instagram to share my reel ideas?',
  ])('answers: %s', (message) => {
    expect(ruleFires(message)).toBe(false);
    expect(detectEscalationIntent(message)).toBeNull();
  });
});
