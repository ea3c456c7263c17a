import { describe, expect, it } from 'vitest';
import { ExtractiveAnswerer } from './extractive-answerer.ts';
import { kajabi, reel, source } from './test-support/extractive-answerer-sources.ts';

/** The offline answerer and a platform no source names, a passage opening on a label, a heading stating a price. */

const answerer = new ExtractiveAnswerer();

describe('a tool or platform the question names and no source mentions', () => {
  it('says the knowledge base does not cover it rather than quote a passage sharing another word', async () => {
    for (const message of ['Quelle est la meilleure heure pour publier sur TikTok ?', 'Comment connecter Kajabi à Mailchimp ?', 'Quel CRM choisir entre HubSpot et Pipedrive ?']) {
      const output = await answerer.answer({ agent: 'audrey', message, history: [], sources: [kajabi, reel] }, {});
      expect(output.text, message).toContain('ne rien inventer');
    }
  });

  it('answers a question the sources answer when the platform is only its context', async () => {
    const output = await answerer.answer({ agent: 'carole', message: 'J’ai 2 000 abonnés sur TikTok, comment faire un Reel qui engage ?', history: [], sources: [reel] }, {});
    expect(output.text).toContain('accroche');
  });

  it('answers when the sources name it, and never asks a Reels guide to say Instagram', async () => {
    const named = await answerer.answer({ agent: 'audrey', message: 'Comment créer un email de bienvenue dans Kajabi ?', history: [], sources: [kajabi] }, {});
    expect(named.text).toContain('Automatisations');
    const instagram = await answerer.answer({ agent: 'carole', message: 'Comment faire un Reel Instagram qui engage ?', history: [], sources: [reel] }, {});
    expect(instagram.text).toContain('accroche');
  });
});

describe('a passage that opens on a label', () => {
  it('is quoted under its heading, so two offers’ prices do not read alike', async () => {
    const offers = source(
      'Nos offres',
      '## Programme Envol\n\nTarif : 1 190 € TTC, payable en 4 fois.\n\n## Accompagnement Signature\n\nTarif : 3 400 € TTC, payable en 6 fois.\n\n## Atelier Canva Express\n\nTarif : 59 € TTC.',
    );
    const output = await answerer.answer({ agent: 'audrey', message: 'Quel est le tarif de l’Accompagnement Signature ?', history: [], sources: [offers] }, {});
    expect(output.text).toContain('Accompagnement Signature — Tarif : 3 400 € TTC');
    expect(output.text).not.toMatch(/^\d\. Tarif/m);
  });

  it('is quoted as it is when the label introduces a remark', async () => {
    const tips = source('Tarifs des ateliers', '## Atelier Canva Express\n\nAttention : le tarif de l’atelier Canva augmente en janvier, réserve avant.');
    const output = await answerer.answer({ agent: 'audrey', message: 'Le tarif de l’atelier Canva va changer ?', history: [], sources: [tips] }, {});
    expect(output.text).toContain('• Attention : le tarif');
  });
});

describe('a heading that states its offer’s price', () => {
  const offers = source(
    'Les offres et les tarifs',
    [
      '## Le Pack Éclore (490 €)',
      '',
      'Le Pack Éclore comprend 6 modules vidéo et 2 séances individuelles. Il se règle en une fois ou en 2 fois.',
      '',
      '## Le Cercle (27 € par mois)',
      '',
      "L'abonnement mensuel sans engagement : les ateliers du jeudi inclus et une session de questions en direct chaque mois.",
      'Le Cercle se résilie à tout moment depuis ton espace : le mois commencé du Cercle reste dû.',
      '',
      '## Payer en plusieurs fois',
      '',
      'Paiement en une fois (490 €) ou en 2 fois (245 € par mois).',
    ].join('\n'),
  );
  const history = [
    { role: 'user' as const, content: "c'est quoi le Cercle ?", agent: null },
    { role: 'assistant' as const, content: "L'abonnement mensuel sans engagement.", agent: 'audrey' as const },
  ];

  it('is quoted when the visitor asks the price, in a follow-up or in English too', async () => {
    const followUp = await answerer.answer({ agent: 'audrey', message: 'combien ça coûte ?', history, sources: [offers] }, {});
    expect(followUp.text).toContain('• Le Cercle (27 € par mois).');
    const english = await answerer.answer({ agent: 'audrey', message: 'How much is the Cercle?', history: [], sources: [offers] }, {});
    expect(english.text).toContain('• Le Cercle (27 € par mois).');
  });

  it('is a title to any other question: the passages under it are quoted', async () => {
    const { text } = await answerer.answer({ agent: 'audrey', message: 'Que comprend le Pack Éclore ?', history: [], sources: [offers] }, {});
    expect(text).toContain('Le Pack Éclore comprend 6 modules');
    expect(text).not.toContain('Le Pack Éclore (490 €).');
  });
});
