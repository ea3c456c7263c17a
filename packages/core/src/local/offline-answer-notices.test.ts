import { describe, expect, it } from 'vitest';
import { NOBODY_HERE_CONTACT_THE_AGENCY } from '../agents/agency-contact.ts';
import { ExtractiveAnswerer } from './extractive-answerer.ts';
import { kajabi, reel } from './test-support/extractive-answerer-sources.ts';

/**
 * The offline answers where no person can answer in this chat (AnswerInput `personCanAnswerHere` false: no operators' inbox
 * served, the README's default `pnpm start`). Found by review: every offline answer ended "dis-le-moi et une personne de
 * l'équipe prendra le relais" (Carole: "l'équipe est là pour toi 💛") and the answer with no source "une personne de
 * l'équipe peut te répondre directement : écris simplement « je veux parler à quelqu'un »"; the visitor who then asked was
 * told "Personne de l'équipe ne peut te répondre dans ce chat". Now they say to contact the agency directly, in the words
 * of the hand-over reply, and the streamed text is the text.
 */
const answerer = new ExtractiveAnswerer();
const PROMISES_A_PERSON = /une personne de l'équipe|prendra le relais|l'équipe est là pour toi|je veux parler à quelqu'un/;

async function answered(input: Parameters<ExtractiveAnswerer['answer']>[0]) {
  const deltas: string[] = [];
  const output = await answerer.answer(input, { onDelta: (delta) => deltas.push(delta) });
  expect(deltas.join('')).toBe(output.text);
  return output;
}

describe('the offline answer where no person can answer in this chat', () => {
  it.each([
    ['audrey', 'Comment automatiser mes emails de bienvenue avec Kajabi ?', /Si tu veux aller plus loin avec quelqu'un de l'équipe, contacte directement l'agence : ses coordonnées sont sur son site\.\)$/],
    ['carole', 'Comment avoir plus de commentaires sous mes reels ?', /Pour un regard personnalisé, contacte directement l'agence : ses coordonnées sont sur son site 💛\)$/],
  ] as const)('%s quotes the sources as before and ends by pointing to the agency, offering no person', async (agent, message, notice) => {
    const sources = [kajabi, reel];
    const served = await answered({ agent, message, history: [], sources });
    const nobodyHere = await answered({ agent, message, history: [], sources, personCanAnswerHere: false });
    expect(nobodyHere.text).toMatch(notice);
    expect(nobodyHere.text).not.toMatch(PROMISES_A_PERSON);
    expect(nobodyHere.text).toContain('Réponse préparée hors ligne');
    // The same quoted passages and sources: only the notice differs.
    expect(nobodyHere.text.slice(0, nobodyHere.text.lastIndexOf('\n\n'))).toBe(served.text.slice(0, served.text.lastIndexOf('\n\n')));
  });

  it('says that nothing was found and where to reach a person: the agency, not this chat', async () => {
    for (const agent of ['audrey', 'carole'] as const) {
      const output = await answered({ agent, message: 'Quel est le sens de la vie ?', history: [], sources: [], personCanAnswerHere: false });
      expect(output.text).toMatch(/^Je n'ai rien trouvé sur ce sujet dans notre base de connaissances/);
      expect(output.text).toContain(NOBODY_HERE_CONTACT_THE_AGENCY);
      expect(output.text).not.toMatch(PROMISES_A_PERSON);
      expect(output.citesNoSource).toBe(true);
    }
  });
});

describe('the offline answer where a person can answer (the inbox served, or not said)', () => {
  it('keeps its offers of a person', async () => {
    const audrey = await answered({ agent: 'audrey', message: 'Comment automatiser mes emails de bienvenue avec Kajabi ?', history: [], sources: [kajabi], personCanAnswerHere: true });
    expect(audrey.text).toMatch(/dis-le-moi et une personne de l'équipe prendra le relais\.\)$/);
    const carole = await answered({ agent: 'carole', message: 'Comment avoir plus de commentaires sous mes reels ?', history: [], sources: [reel] });
    expect(carole.text).toMatch(/l'équipe est là pour toi 💛\)$/);
    const nothing = await answered({ agent: 'audrey', message: 'Quel est le sens de la vie ?', history: [], sources: [] });
    expect(nothing.text).toContain("une personne de l'équipe peut te répondre directement : écris simplement « je veux parler à quelqu'un ».");
  });
});
