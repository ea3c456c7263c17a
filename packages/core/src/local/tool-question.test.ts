import { describe, expect, it } from 'vitest';
import { foldFrench } from '../french-text/french-text.ts';
import { asksForATool, namesATool, wordsOfTheQuestion } from './tool-question.ts';
import { quantityAskedBy } from './quantity-question.ts';

const asks = (question: string) => asksForATool(foldFrench(question).replace(/['’-]/g, ' '));

describe('a question asking which tool to use', () => {
  it('is read from "quel outil", "quelle appli", "quoi comme logiciel", "avec quoi je…", "what app"', () => {
    for (const question of ['quel outil pour faire mes visuels ?', 'Quelle appli pour monter mes Reels ?', 'quels sont les meilleurs logiciels pour mes factures', 'tu me conseilles quoi comme appli ?', 'mes clientes me demandent une facture, je la fais avec quoi ?', 'what app should I use for my newsletter?', 'quelle plateforme pour héberger ma formation en ligne ?']) {
      expect(asks(question), question).toBe(true);
    }
    expect(asks('avec quoi je fais mes visuels ?')).toBe(true);
    expect(asks('je monte mes reels avec quoi ?')).toBe(true);
    for (const question of ['comment connecter mes outils entre eux ?', 'Combien coûte Kajabi ?', 'quelle heure pour publier ?', "c'est quoi un outil d'emailing ?", "avec quoi je me connecte si j'ai oublié mon mot de passe ?"]) {
      expect(asks(question), question).toBe(false);
    }
    expect(quantityAskedBy('quel outil pour faire mes visuels ?')?.kind).toBe('tool');
  });

  it('is answered by a line naming a tool the question does not name', () => {
    expect(namesATool('Dans Canva, enregistre tes couleurs.', [])).toBe(true);
    expect(namesATool('Dans Canva, enregistre tes couleurs.', wordsOfTheQuestion('quel outil pour mes visuels ?'))).toBe(true);
    expect(namesATool('Relie ton formulaire à Google Sheets.', [])).toBe(true);
    expect(namesATool('Programme-les dans ton outil (Brevo, MailerLite).', [])).toBe(true);
    expect(namesATool('Une identité visuelle cohérente fait qu’on reconnaît tes contenus.', [])).toBe(false);
    // Not the capital of a sentence's start, of a quote, of an all-capitals word, of the experts' names.
    expect(namesATool('Choisis trois mots. Écris-les « Apaisant, lumineux » sur un papier GRATUIT.', [])).toBe(false);
    expect(namesATool('Pose ta question à Carole dans le chat.', [])).toBe(false);
    // Not the tool the question names: "capcut ou inshot ?" is not answered by a line repeating CapCut.
    expect(namesATool('Dans CapCut, coupe les silences.', wordsOfTheQuestion('quelle appli, capcut ou inshot ?'))).toBe(false);
    expect(namesATool('Dans InShot, coupe les silences.', wordsOfTheQuestion('quelle appli, capcut ?'))).toBe(true);
    // "Reel" with a capital in a guide is the question's topic, not a tool.
    expect(namesATool('Un Reel qui engage.', wordsOfTheQuestion('quelle appli pour mes reels ?'))).toBe(false);
  });
});
