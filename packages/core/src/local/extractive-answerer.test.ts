import { describe, expect, it } from 'vitest';
import type { HistoryMessage } from '../capabilities/capabilities.ts';
import { ANSWER_MAX_WORDS, ExtractiveAnswerer, rankSourcePassages, splitIntoDeltas } from './extractive-answerer.ts';

import { kajabi, reel, source } from './test-support/extractive-answerer-sources.ts';

const answerer = new ExtractiveAnswerer();
const words = (text: string) => (text.match(/\S+/g) ?? []).length;

describe('ExtractiveAnswerer', () => {
  it('answers from the sources, cites them, says it is an offline draft, streams the same text', async () => {
    const deltas: string[] = [];
    const output = await answerer.answer(
      { agent: 'audrey', message: 'Comment automatiser mes emails de bienvenue avec Kajabi ?', history: [], sources: [kajabi] },
      { onDelta: (delta) => deltas.push(delta) },
    );
    expect(output.offline).toBe(true);
    expect(output.model).toBe('local-extractive-v1');
    expect(output.usage).toEqual({ prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 });
    expect(output.text).toContain('« Automatiser ses emails de bienvenue avec Kajabi »');
    expect(output.text).toContain('hors ligne');
    expect(output.text).toMatch(/^• /m); // Audrey: sentences that are no steps of a numbered procedure are bulleted
    expect(output.text).not.toMatch(/^\d+\. /m);
    expect(output.text).toContain('email de bienvenue envoyé immédiatement');
    expect(deltas.length).toBeGreaterThan(5);
    expect(deltas.join('')).toBe(output.text);
    expect(words(output.text)).toBeLessThanOrEqual(ANSWER_MAX_WORDS);
  });

  it('writes as Carole with emojis and picks the sentences that match the question', async () => {
    const output = await answerer.answer(
      { agent: 'carole', message: 'Comment avoir plus de commentaires sous mes reels ?', history: [], sources: [reel, kajabi] },
      {},
    );
    expect(output.text).toMatch(/✨|💡/u);
    expect(output.text).toContain('inviter les commentaires');
    expect(output.text).toContain('« Créer un Reel qui engage »');
  });

  it('greets on each agent\'s first answer in the conversation only, in its voice', async () => {
    const asked = (agent: 'audrey' | 'carole', history: HistoryMessage[]) =>
      answerer.answer({ agent, message: 'Comment avoir plus de commentaires sous mes reels ?', history, sources: [reel] }, {});
    const question: HistoryMessage = { role: 'user', content: 'Comment automatiser mes emails de bienvenue avec Kajabi ?', agent: null };
    const answeredBy = (agent: 'audrey' | 'carole'): HistoryMessage[] => [question, { role: 'assistant', content: 'Voici ce que je te conseille…', agent }];
    expect((await asked('audrey', [])).text).toMatch(/^Bonjour ! /);
    expect((await asked('carole', [])).text).toMatch(/^Coucou ! /);
    for (const agent of ['audrey', 'carole'] as const) {
      const later = (await asked(agent, answeredBy(agent))).text;
      expect(later).toMatch(/^Voici /);
      expect(later).toContain('inviter les commentaires');
    }
    // Carole stepping in after Audrey's answer is someone new: she greets.
    expect((await asked('carole', answeredBy('audrey'))).text).toMatch(/^Coucou ! /);
  });

  it('stays under 250 words with long sources', async () => {
    const long = Array.from({ length: 30 }, (_, index) => source(`Fiche ${index}`, `${'Automatiser tes emails Kajabi demande de la méthode et de la patience. '.repeat(8)}`, index));
    const output = await answerer.answer({ agent: 'audrey', message: 'automatiser emails kajabi', history: [], sources: long }, {});
    expect(words(output.text)).toBeLessThanOrEqual(ANSWER_MAX_WORDS);
  });

  it('without sources says the knowledge base does not cover it and offers human help', async () => {
    const output = await answerer.answer({ agent: 'carole', message: 'Quel est le sens de la vie ?', history: [], sources: [] }, {});
    expect(output.text).toContain('base de connaissances');
    expect(output.text).toContain("l'équipe");
    expect(output.text).toContain('hors ligne');
  });

  it('does not paste sources that share no word with the question', async () => {
    const output = await answerer.answer(
      { agent: 'audrey', message: 'Quel est le meilleur restaurant de Lyon ?', history: [], sources: [kajabi] },
      {},
    );
    expect(output.text).toContain('ne rien inventer');
    expect(output.text).not.toContain('Kajabi');
  });

  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    const promise = answerer.answer(
      { agent: 'audrey', message: 'kajabi', history: [], sources: [kajabi] },
      { onDelta: () => controller.abort() },
      controller.signal,
    );
    await expect(promise).rejects.toThrow();
  });

  it('quotes whole sentences in their document’s order, keeps the source’s emojis, never cuts a long sentence', async () => {
    const long = `Un conseil qui n’en finit pas sur les stories ${'et encore une idée pour tes stories '.repeat(14)}.`;
    const content = [
      '## Faire participer',
      '',
      '✨ Les stickers sondage font répondre ta communauté en un geste 🙌',
      long,
      'Mais les stories du soir marchent mieux que celles du matin.',
      '',
      '## Régularité',
      '',
      'Publie des stories quatre jours par semaine, même courtes.',
      'Une séquence de stories raconte une petite histoire : le problème, ton astuce, une question.',
    ].join('\n');
    const stories = { ...source('Des stories qui créent du lien', content), agentOwner: 'carole' as const };
    const output = await answerer.answer(
      { agent: 'carole', message: 'Combien de stories par semaine, et le sticker sondage ça marche pour faire répondre ?', history: [], sources: [stories] },
      {},
    );
    const lines = output.text.split('\n').filter((line) => line.startsWith('💡 '));
    expect(lines[0]).toBe('💡 ✨ Les stickers sondage font répondre ta communauté en un geste 🙌');
    expect(lines).toContain('💡 Publie des stories quatre jours par semaine, même courtes.');
    expect(lines.indexOf('💡 Publie des stories quatre jours par semaine, même courtes.')).toBeGreaterThan(0);
    expect(output.text).not.toContain('n’en finit pas');
    expect(output.text).not.toMatch(/💡 Mais/u);
    expect(output.text).not.toMatch(/…$/mu);
  });

  it('quotes an example together with the sentence it illustrates', async () => {
    const linkedin = source(
      'Optimiser son profil LinkedIn de coach',
      'Ton titre LinkedIn doit dire qui tu aides et à quoi, pas seulement "coach". ' +
        'Par exemple : "J\'aide les mamans entrepreneures à lancer leur activité sans y passer leurs soirées".',
    );
    const { text } = await answerer.answer({ agent: 'carole', message: 'Comment écrire mon titre LinkedIn ?', history: [], sources: [linkedin] }, {});
    expect(text).toContain('💡 Ton titre LinkedIn doit dire qui tu aides et à quoi, pas seulement "coach". Par exemple : "J\'aide les mamans');
  });

  it('pads a one-passage answer with what follows it in its document before another document’s weak match', async () => {
    const linkedin = source(
      'Profil',
      'Ton titre LinkedIn de coach doit dire qui tu aides.\n\nLes recommandations de tes anciennes clientes rassurent tes visiteurs.',
    );
    const captions = source('Légendes', 'Une bonne légende parle à une seule personne, comme une coach le ferait.', 1);
    const { text } = await answerer.answer({ agent: 'carole', message: 'Comment écrire mon titre LinkedIn de coach ?', history: [], sources: [linkedin, captions] }, {});
    expect(text).toContain('💡 Ton titre LinkedIn de coach doit dire qui tu aides.\n💡 Les recommandations de tes anciennes clientes');
    expect(text).not.toContain('légende');
  });

  it('does not match a light verb ("Que mettre…" / "sans en mettre…"): the answer is padded from its own document', async () => {
    const linkedin = source('Profil', '# Profil\n\nTon titre LinkedIn doit dire qui tu aides.\n\n## La photo\n\nUtilise une photo où l\'on voit bien ton visage.');
    const captions = source('Légendes', 'Un ou deux emojis peuvent rythmer le texte, sans en mettre à chaque ligne.', 1);
    const { text } = await answerer.answer({ agent: 'carole', message: 'Que mettre dans mon titre LinkedIn ?', history: [], sources: [linkedin, captions] }, {});
    expect(text).toContain('💡 Ton titre LinkedIn doit dire qui tu aides.\n💡 Utilise une photo');
    expect(text).not.toContain('emojis');
  });

  it('does not match the verb that frames the question ("Je veux…" / "écris « je veux parler à quelqu’un »")', async () => {
    const welcome = source(
      'Automatiser ses emails de bienvenue',
      'Une séquence de bienvenue automatisée envoie tes emails pour toi.\n\nPour automatiser tes emails de bienvenue, écris-les tous avant de les programmer.',
    );
    const access = source('Accéder à son espace membre', 'Écris dans le chat « je veux parler à quelqu’un » en précisant l’adresse email de ton achat.', 1);
    const { text } = await answerer.answer({ agent: 'audrey', message: 'Je veux automatiser mes emails de bienvenue', history: [], sources: [welcome, access] }, {});
    expect(text).toContain('• Une séquence de bienvenue automatisée envoie tes emails pour toi.\n• Pour automatiser tes emails de bienvenue');
    expect(text).not.toContain('parler à quelqu’un');
  });

  it('does not pad an FAQ answer with the answer to another question of the page, nor with another document sharing no word', async () => {
    const faq = source(
      'Questions fréquentes',
      '## Je suis débutante, est-ce pour moi ?\n\nOui : le Pack Lancement est pensé pour celles qui n’ont jamais vendu en ligne.\n\n## Proposez-vous des formations finançables par le CPF ?\n\nNon, nos formations ne sont pas éligibles au CPF.',
    );
    const other = source('Horaires', 'Le support répond du lundi au vendredi.', 1);
    const { text } = await answerer.answer({ agent: 'audrey', message: 'vos formations sont eligibles au cpf ?', history: [], sources: [faq, other] }, {});
    expect(text).toContain('• Non, nos formations ne sont pas éligibles au CPF.');
    expect(text).not.toContain('Oui :');
    expect(text).not.toContain('lundi');
  });

  it('quotes a procedure from its first step when it quotes several of its steps', async () => {
    const onboarding = source(
      'Bien démarrer ton accompagnement',
      "# Bien démarrer ton accompagnement\n\nVoici les étapes de ton onboarding après ton inscription.\n\n1. **Appel de lancement** (45 minutes en visio) : on fait connaissance et on fixe tes 3 objectifs pour les mois à venir.\n2. **Questionnaire de démarrage** à remplir dans les 48 h : ton activité, tes produits.\n3. **Accès à ton espace client** : tes ressources, ton plan d'action.\n4. **Audit de ta boutique** livré sous 10 jours.\n5. **Plan d'action sur 90 jours**, présenté en visio.\n\n## Ce qu'il faut préparer\n\n- Tes 10 meilleures photos produits.",
    );
    const { text } = await answerer.answer({ agent: 'audrey', message: "c'est quoi les etapes quand on commence l'accompagnement", history: [], sources: [onboarding] }, {});
    expect(text).toContain('Appel de lancement (45 minutes en visio)');
    expect(text.indexOf('Appel de lancement')).toBeLessThan(text.indexOf('Questionnaire de démarrage'));
    // One step asked for itself stays alone.
    const { text: audit } = await answerer.answer({ agent: 'audrey', message: "l'audit de ma boutique arrive quand ?", history: [], sources: [onboarding] }, {});
    expect(audit).toContain('Audit de ta boutique livré sous 10 jours.');
    expect(audit).not.toContain('Appel de lancement');
  });

  it('keeps the step that answers when the steps before it would not all fit', async () => {
    const podia = source(
      'Vendre un cours en ligne avec Podia',
      "## Créer ton premier produit, étape par étape\n\n1. Crée ton compte sur podia.com et choisis le nom de ta boutique.\n2. Dans « Products », clique sur « New product » puis « Online course ».\n3. Ajoute tes modules : une vidéo de 10 à 15 minutes par leçon, pas plus.\n4. Fixe ton prix dans l'onglet « Pricing » : pour un premier cours, entre 47 € et 97 €.\n5. Connecte Stripe dans « Settings > Payments » pour recevoir l'argent.\n6. Publie la page de vente et teste un achat avec un code promo à 100 %.",
    );
    const message = "comment je reçois l'argent des ventes de mon cours ?";
    const { text } = await answerer.answer({ agent: 'audrey', message, history: [], sources: [podia] }, {});
    expect(text).toContain("5. Connecte Stripe dans « Settings > Payments » pour recevoir l'argent.");
    // The steps quoted keep their own numbers: the first ones are not silently renumbered away.
    expect(text).not.toMatch(/^1\. (?!Crée ton compte)/m);
  });

  it('answers "c\'est quoi X ?" from the section X heads, its figure with it, not only pages naming X in passing', async () => {
    const faq = source('Questions fréquentes', "Oui, les cartes cadeaux sont disponibles pour l'Atelier Contenu et l'Audit express, valables 1 an.\n\nL'Atelier Contenu et l'Audit express se paient en une seule fois.");
    const offers = source(
      'Nos offres et leurs tarifs',
      "## Atelier Contenu — 89 €\n\nUn atelier collectif de 2 heures en visio.\n\n## Audit express — 150 €\n\nUne séance unique de 45 minutes pour relire ton site, avec un compte rendu écrit envoyé sous 48 heures.\n\nTous les prix sont TTC.",
      1,
    );
    const { text } = await answerer.answer({ agent: 'audrey', message: "c'est quoi l'audit express", history: [], sources: [faq, offers] }, {});
    expect(text).toContain('Une séance unique de 45 minutes');
    expect(text).toContain('Audit express — 150 €.');
  });

  it('quotes an FAQ answer whole, with the "Oui." that opens it', async () => {
    const faq = source('Témoignages (FAQ)', '### Faut-il une autorisation écrite pour publier un avis ?\n\nOui. Fais signer une autorisation de diffusion à ta cliente.');
    const { text } = await answerer.answer({ agent: 'audrey', message: 'Je dois faire signer un papier à ma cliente avant de publier son avis ?', history: [], sources: [faq] }, {});
    expect(text).toContain('• Oui. Fais signer une autorisation de diffusion à ta cliente.');
  });

  it('reads a chunk without a section under its document’s title (a document with no subheading)', async () => {
    const blog = { ...source('Rédiger pour le référencement', 'Un article de 1000 à 1500 mots se positionne mieux qu’un texte court.'), section: null };
    const { text } = await answerer.answer({ agent: 'carole', message: 'Comment rédiger pour le référencement ?', history: [], sources: [blog] }, {});
    expect(text).toContain('Un article de 1000 à 1500 mots');
  });

  it('weighs question words by the documents that hold them: the hashtags guide answers a hashtags question', async () => {
    const hashtags = source(
      'Écrire des légendes et choisir ses hashtags',
      'Une belle image arrête le défilement, et les hashtags aident tes publications à être trouvées.\n\n' +
        'Utilise entre 3 et 10 hashtags vraiment liés au sujet de la publication.\n\n' +
        'Évite les hashtags génériques géants : ta publication s’y noie en quelques secondes.',
    );
    const linkedin = source('LinkedIn', 'Les posts qui racontent une expérience personnelle obtiennent plus de commentaires.', 1);
    const tiktok = source('TikTok', 'Poste au moins quatre vidéos par semaine pendant un mois avant de juger les résultats.', 2);
    const { text } = await answerer.answer({ agent: 'carole', message: 'Combien de hashtags sous un post ?', history: [], sources: [hashtags, linkedin, tiktok] }, {});
    expect(text).toContain('Utilise entre 3 et 10 hashtags');
    expect(text).not.toContain('quatre vidéos');
  });

  it('counts a word of the heading a passage sits under, or of its document title, as a word of the passage: the section "L’outil" answers "quel outil"', async () => {
    const newsletter = source(
      'Une newsletter qui remplit le restaurant',
      'La newsletter est le seul canal qui t’appartient : pas d’algorithme entre toi et tes clients.\n\n' +
        '## L’outil\n\nNous recommandons Brevo : gratuit jusqu’à 300 emails par jour, hébergé en Europe.\n\n' +
        '## La fréquence\n\n- 2 newsletters par mois, pas plus.\n- Un objet de 45 caractères au plus, avec le plat dedans.\n\n' +
        '## Ce qu’on y met\n\nUne newsletter parle du plat de la semaine avant de parler des offres.',
    );
    const zapier = source('Zapier et Make pour un restaurant', 'Zapier relie tes outils entre eux sans code, dès la formule gratuite.', 1);
    const { text } = await answerer.answer({ agent: 'audrey', message: 'quel outil pour ma newsletter ?', history: [], sources: [newsletter, zapier] }, {});
    expect(text).toContain('Nous recommandons Brevo');
    expect(text).not.toContain('Zapier relie');
  });

  it('lends a title word to every sentence of its document for less than its own: the sentence that writes it still comes first', () => {
    const space = source(
      'Ton espace élève (accès, replays, groupe privé)',
      '## Ton accès\n\nTon accès arrive par e-mail le jour de ton inscription.\n\n' +
        '## Les replays\n\nLes replays restent en ligne douze mois.\n\n' +
        '## La communauté\n\nLes échanges entre élèves se font dans le groupe privé, sur Discord, animé chaque semaine.\n\n' +
        '## Se connecter\n\nUn lien de connexion expire au bout de 24 heures : redemande-le depuis la page de connexion.',
    );
    const ranked = rankSourcePassages('le groupe prive c est sur facebook ?', [space]);
    expect(ranked[0]!.text).toContain('Discord');
  });

  it('quotes a companion chunk of a cited document (its best chunk an introduction, the figures in a later section) first', async () => {
    const introduction = { ...source('Légendes et hashtags', 'Une belle image arrête le défilement, et les hashtags aident tes publications.'), chunkId: 'legendes#0', documentId: 'legendes' };
    const hashtagsSection = { ...introduction, chunkId: 'legendes#2', section: 'Choisir ses hashtags', content: 'Utilise entre 3 et 10 hashtags vraiment liés au sujet de la publication.' };
    const { text } = await answerer.answer(
      { agent: 'carole', message: 'Combien de hashtags par publication ?', history: [], sources: [introduction], companions: [hashtagsSection] },
      {},
    );
    expect(text).toContain('Utilise entre 3 et 10 hashtags');
    expect(text).toContain('📚 Sources : « Légendes et hashtags ».');
    // The figure asked leads; the introduction follows (blind round 13: the answer's first sentence answers).
    expect(text.indexOf('Utilise entre 3 et 10')).toBeLessThan(text.indexOf('Une belle image'));
  });

  it('quotes a document’s chunks in the document’s order when they carry their place', async () => {
    const steps = { ...source('Emails de bienvenue', 'Email 4 (J+6) : présente ton offre de bienvenue avec douceur.'), chunkId: 'welcome#2', documentId: 'welcome', chunkIndex: 2 };
    const introduction = { ...steps, chunkId: 'welcome#0', chunkIndex: 0, content: 'Une séquence de bienvenue automatisée accueille chaque inscrite.' };
    const { text } = await answerer.answer(
      { agent: 'audrey', message: 'Que mettre dans ma séquence de bienvenue ?', history: [], sources: [steps], companions: [introduction] },
      {},
    );
    expect(text.indexOf('Une séquence de bienvenue automatisée')).toBeGreaterThan(-1);
    expect(text.indexOf('Une séquence de bienvenue automatisée')).toBeLessThan(text.indexOf('Email 4 (J+6)'));
  });

  it('splits text into deltas that concatenate back to it', () => {
    const text = 'Un deux  trois\n\nquatre cinq six sept.';
    expect(splitIntoDeltas(text).join('')).toBe(text);
  });
});
