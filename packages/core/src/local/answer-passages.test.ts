import { describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { passagesOfSource, quotedPassage } from './answer-passages.ts';
import { isWholeSentence } from './sentence-shape.ts';

const chunk = (content: string, section: string | null = null): RetrievedChunk => ({
  chunkId: 'chunk-1',
  documentId: 'doc-1',
  title: 'Fiche',
  section,
  content,
  agentOwner: 'carole',
  score: 1,
});
const passages = (content: string, section: string | null = null) => passagesOfSource(chunk(content, section), 0).map((passage) => passage.text);

describe('isWholeSentence', () => {
  it.each([
    'Filme à la verticale, à la lumière naturelle.',
    'Tu te réveilles fatiguée ?',
    '3 conseils pour mieux dormir !',
    '✨ Poste quand ta communauté est là.',
    'Ose te montrer telle que tu es 💛',
    'Écris un sujet précis par case (« 3 rituels du soir » plutôt que « sommeil »).',
    '« Et toi, à quelle heure tu te couches ? »',
  ])('whole: %s', (text) => {
    expect(isWholeSentence(text)).toBe(true);
  });

  it.each([
    'le mythe et la réalité (« Non, il ne faut pas forcément boire 2 litres d’eau... ») ;',
    'Mais un Reel qui engage, c’est…',
    'Les formats qui marchent bien sont :',
    'un paiement refusé, un prélèvement en double ou un montant inattendu ;',
    'Les deux premières secondes',
  ])('not whole: %s', (text) => {
    expect(isWholeSentence(text)).toBe(false);
  });
});

describe('passagesOfSource', () => {
  it('reads a sentence opening on a demonstrative as leaning on the one before, not one opening on "Ce que"', () => {
    expect(passages("Choisis trois adjectifs et, pour chacun, ce qu'il n'est pas. Cette seconde moitié évite les excès.")).toEqual([
      "Choisis trois adjectifs et, pour chacun, ce qu'il n'est pas. Cette seconde moitié évite les excès.",
    ]);
    expect(passages('Ces réglages se font une fois. Filme à la verticale, face à une fenêtre.')).toEqual(['Filme à la verticale, face à une fenêtre.']);
    expect(passages('Poste trois fois par semaine. Ce que tu montres compte plus que la fréquence.')).toEqual([
      'Poste trois fois par semaine.',
      'Ce que tu montres compte plus que la fréquence.',
    ]);
  });

  it('keeps a sentence that leans on the previous one together with it, and drops it when it opens the chunk', () => {
    expect(passages('Les Reels font découvrir ton compte. Mais un Reel qui engage donne envie de commenter.')).toEqual([
      'Les Reels font découvrir ton compte. Mais un Reel qui engage donne envie de commenter.',
    ]);
    expect(passages('Mais un Reel qui engage donne envie de commenter. Filme à la verticale, face à une fenêtre.')).toEqual([
      'Filme à la verticale, face à une fenêtre.',
    ]);
  });

  it('quotes an example with the sentence before it when both fit, and alone when it opens a paragraph or both would be too long', () => {
    expect(passages('Ton titre doit dire qui tu aides. Par exemple : « J’aide les mamans entrepreneures ».')).toEqual([
      'Ton titre doit dire qui tu aides. Par exemple : « J’aide les mamans entrepreneures ».',
    ]);
    expect(passages('Concrètement, ouvre Canva et choisis le format story.\n\nAinsi, ta story garde les bonnes proportions.')).toEqual([
      'Concrètement, ouvre Canva et choisis le format story.',
      'Ainsi, ta story garde les bonnes proportions.',
    ]);
    const long = `Prépare ${'une idée claire et '.repeat(12)}un appel à l’action.`;
    const example = `Par exemple, ${'une question simple et '.repeat(10)}une réponse courte.`;
    expect(passages(`${long} ${example}`)).toEqual([long, example]);
  });

  it('quotes a list that finishes a sentence with its introduction, never its items alone', () => {
    const content = [
      'Un Reel efficace transmet un seul message. Pour les praticiennes, les formats qui marchent bien sont :',
      '',
      '- **3 conseils rapides** sur un problème précis ;',
      '- **le mythe et la réalité** ;',
      '- une routine filmée.',
    ].join('\n');
    expect(passages(content)).toEqual([
      'Un Reel efficace transmet un seul message.',
      'Pour les praticiennes, les formats qui marchent bien sont : 3 conseils rapides sur un problème précis ; le mythe et la réalité ; une routine filmée.',
    ]);
    // The chunk starts at the list: its items are pieces of a sentence that is not there.
    expect(passages('- sur un problème précis ;\n- une routine filmée.\n\nFilme à la verticale, face à une fenêtre.')).toEqual([
      'Filme à la verticale, face à une fenêtre.',
    ]);
  });

  it('quotes whole-sentence list items (steps, "Label : explanation.") one by one, Markdown removed, after their introduction', () => {
    const content = [
      'Ta première automatisation en trois étapes :',
      '',
      '1. Choisis le **déclencheur** et connecte le compte concerné.',
      '2. Ajoute l’action, voir [le guide](https://example.org/guide).',
      '- **Déclencheur** : l’événement qui démarre l’automatisation.',
    ].join('\n');
    expect(passages(content)).toEqual([
      'Ta première automatisation en trois étapes.',
      'Choisis le déclencheur et connecte le compte concerné.',
      'Ajoute l’action, voir le guide.',
      'Déclencheur : l’événement qui démarre l’automatisation.',
    ]);
  });

  it('marks the introduction of whole-sentence items as such, its colon made a period; one that is no whole sentence is not a passage', () => {
    const items = ['', '- **Email 1 (immédiat)** : remercie et livre le cadeau.', '- **Email 2 (J+2)** : raconte ton histoire.'];
    const introductions = (introduction: string) =>
      passagesOfSource(chunk([introduction, ...items].join('\n')), 0).filter((passage) => passage.introducesAList).map((passage) => passage.text);
    expect(introductions('Écris d’abord tes emails. Trois à cinq emails suffisent pour commencer :')).toEqual(['Trois à cinq emails suffisent pour commencer.']);
    expect(introductions('trois à cinq emails :')).toEqual([]);
  });

  it('quotes the items of a list that only its heading introduces, when they open as sentences do, each ended with a period', () => {
    const content = [
      '## Nous joindre',
      '',
      '- Téléphone : 04 72 18 56 90 (mardi et jeudi, 14 h – 17 h)',
      '- **Email** : bonjour@exemple.fr',
      '- 3 à 5 couleurs, avec leurs codes ;',
      '- et une police pour les titres',
    ].join('\n');
    expect(passages(content)).toEqual([
      'Téléphone : 04 72 18 56 90 (mardi et jeudi, 14 h – 17 h).',
      'Email : bonjour@exemple.fr',
      '3 à 5 couleurs, avec leurs codes.',
    ]);
  });

  it('removes single-mark emphasis, and leaves snake_case words, multiplications and lone marks alone', () => {
    expect(passages('Stan ne prend _aucune commission_ sur tes ventes, même à *une fois par semaine*.')).toEqual([
      'Stan ne prend aucune commission sur tes ventes, même à une fois par semaine.',
    ]);
    expect(passages('Nomme le fichier mon_guide_final.pdf et vise 2 * 3 visuels par semaine.')).toEqual([
      'Nomme le fichier mon_guide_final.pdf et vise 2 * 3 visuels par semaine.',
    ]);
  });

  it('quotes each row of a Markdown table as "first cell : the others"', () => {
    const twoColumns = ['## Les chiffres à connaître', '', '| Élément | Chiffre 2026 |', '|---|---|', '| Seuil de franchise de TVA | 37 500 € |', '| Cotisations **URSSAF** | environ 24 % |'].join('\n');
    expect(passagesOfSource(chunk(twoColumns), 0).map((passage) => [passage.text, passage.heading])).toEqual([
      ['Seuil de franchise de TVA : 37 500 €.', 'Les chiffres à connaître'],
      ['Cotisations URSSAF : environ 24 %.', 'Les chiffres à connaître'],
    ]);
    const threeColumns = ['| Offre | Prix | Durée |', '| :--- | ---: | :---: |', '| séance découverte | 0 € | 30 min |'].join('\n');
    expect(passages(threeColumns)).toEqual(['Séance découverte : 0 € ; 30 min.']);
    const numbered = ['| Email | Délai | Contenu |', '|---|---|---|', '| 1 | 1 h | Rappel simple |', '| 2 | 24 h | Avis clients |'].join('\n');
    expect(passagesOfSource(chunk(numbered), 0).map(quotedPassage)).toEqual(['Email 1 : 1 h ; Rappel simple.', 'Email 2 : 24 h ; Avis clients.']);
    expect(passages('Un texte | avec une barre verticale, sans tableau.')).toEqual(['Un texte | avec une barre verticale, sans tableau.']);
  });

  it('quotes an FAQ answer whole under its question heading, "Oui." included', () => {
    const content = [
      '### Faut-il une autorisation écrite ?',
      '',
      'Oui. Fais signer une autorisation de diffusion.',
      '',
      'Garde-la avec ton contrat.',
      '',
      '## Les supports',
      '',
      'Le site compte. Les réseaux aussi.',
    ].join('\n');
    expect(passages(content)).toEqual(['Oui. Fais signer une autorisation de diffusion.', 'Garde-la avec ton contrat.', 'Le site compte.', 'Les réseaux aussi.']);
  });

  it('does not quote headings; each passage knows the heading it sits under', () => {
    const result = passagesOfSource(chunk('Intro de la fiche, en une phrase.\n\n## Tournage et montage\n\nFilme à la verticale, face à une fenêtre.', 'Créer un Reel'), 0);
    expect(result.map((passage) => [passage.heading, passage.text])).toEqual([
      ['Créer un Reel', 'Intro de la fiche, en une phrase.'],
      ['Tournage et montage', 'Filme à la verticale, face à une fenêtre.'],
    ]);
    expect(result.map((passage) => passage.position)).toEqual([0, 1]);
  });

  it('quotes a heading that states a figure after a label, as well as what is under it; never a title', () => {
    const content = [
      '# Nos trois offres',
      '',
      '## Offre « Chef de Rang » : 1 890 € HT',
      '',
      "L'accompagnement d'un trimestre.",
      '',
      '## Étape 1 : créer le compte',
      '',
      'Ouvre un compte gratuit.',
      '',
      '## Le Chef de Rang : pour qui ?',
    ].join('\n');
    const result = passagesOfSource(chunk(content), 0);
    expect(result.map((passage) => [passage.heading, passage.text])).toEqual([
      ['Offre « Chef de Rang » : 1 890 € HT', 'Offre « Chef de Rang » : 1 890 € HT.'],
      ['Offre « Chef de Rang » : 1 890 € HT', "L'accompagnement d'un trimestre."],
      ['Étape 1 : créer le compte', 'Ouvre un compte gratuit.'],
    ]);
  });

  it('quotes a heading that closes on an amount in brackets or after a dash; not brackets without one', () => {
    const content = [
      '## Le Cercle Racines (27 € par mois)',
      '',
      "L'abonnement mensuel sans engagement.",
      '',
      '## Atelier photo — 59 €',
      '',
      'Trois heures au studio.',
      '',
      '## Module 3 (bonus)',
      '',
      'Une vidéo de plus.',
      '',
      '## Nos tarifs (2026)',
      '',
      'Les prix changent en janvier.',
    ].join('\n');
    expect(passagesOfSource(chunk(content), 0).map((passage) => passage.text)).toEqual([
      'Le Cercle Racines (27 € par mois).',
      "L'abonnement mensuel sans engagement.",
      'Atelier photo — 59 €.',
      'Trois heures au studio.',
      'Une vidéo de plus.',
      'Les prix changent en janvier.',
    ]);
  });

  it('quotes lower-case items of a list under a heading or a paragraph with a capital, not an item that carries on the one before', () => {
    const content = [
      '## Offre « Mise en Place »',
      '',
      "L'offre pour faire le point une fois.",
      '',
      '- un audit de **90 minutes** (en visio) ;',
      "- un plan d'action écrit pour les 30 jours suivants ;",
      '- et un appel de suivi.',
    ].join('\n');
    expect(passages(content)).toEqual([
      "L'offre pour faire le point une fois.",
      'Un audit de 90 minutes (en visio).',
      "Un plan d'action écrit pour les 30 jours suivants.",
    ]);
  });

  it('reads hard-wrapped Markdown: a paragraph and a list item continue on the next lines', () => {
    const content = [
      'Filme à la verticale, à la lumière naturelle,',
      'face à une fenêtre. Vise 15 à 30 secondes.',
      '',
      '- Ajoute des sous-titres : beaucoup de personnes',
      '  regardent sans le son.',
    ].join('\n');
    expect(passages(content)).toEqual([
      'Filme à la verticale, à la lumière naturelle, face à une fenêtre.',
      'Vise 15 à 30 secondes.',
      'Ajoute des sous-titres : beaucoup de personnes regardent sans le son.',
    ]);
  });

  it('keeps emoji lines and emojis inside sentences as they are', () => {
    const content = '✨ Poste quand ta communauté est là, le soir souvent 🌙\n💡 Astuce : réutilise tes meilleurs Reels tous les trois mois !\nça marche aussi';
    expect(passages(content)).toEqual(['✨ Poste quand ta communauté est là, le soir souvent 🌙', '💡 Astuce : réutilise tes meilleurs Reels tous les trois mois !']);
  });
});

describe('quotedPassage', () => {
  it('puts the heading before a label of its subject, not before a labelled item of a numbered list', () => {
    const content = '## Atelier Canva\n\n- Tarif : 59 € TTC\n\n## La structure\n\n1. Un titre qui nomme le résultat promis.\n2. Votre offre : ce qu’elle contient, la durée, le format.\n3. Le prix et le bouton d’achat.';
    expect(passagesOfSource(chunk(content), 0).map(quotedPassage)).toEqual([
      'Atelier Canva — Tarif : 59 € TTC.',
      'Un titre qui nomme le résultat promis.',
      'Votre offre : ce qu’elle contient, la durée, le format.',
      'Le prix et le bouton d’achat.',
    ]);
  });
});
