import { describe, expect, it } from 'vitest';
import { zeroUsage, type Answerer, type AnswerInput } from '../../capabilities/capabilities.ts';
import { ExtractiveAnswerer } from '../../local/extractive-answerer.ts';
import { kajabi } from '../../local/test-support/extractive-answerer-sources.ts';
import { createLogger } from '../../logging/logger.ts';
import { HUMAN_HELP_AGENCY_CONTACT, HUMAN_HELP_OFFER } from '../openrouter/agent-prompts.ts';
import { AllModelsFailedError } from '../resilience/provider-errors.ts';
import { AnswererWithOfflineFallback } from './answerer-with-offline-fallback.ts';

/**
 * Every live model failed: the offline answer, and a note of the technical trouble with an offer of a person unless the
 * answer already says how to reach one. Where no person can answer in this chat (no operators' inbox served) the note
 * offered one all the same ("une personne de l'équipe peut te répondre directement", review): now it points to the agency.
 */
const logger = createLogger({ level: 'silent' });
const failingLive: Answerer = {
  answer: () => Promise.reject(new AllModelsFailedError({ provider: 'openrouter', role: 'audrey', models: ['model-a'], attempts: [] })),
};
/** An offline answer that says nothing of a person (as the persona's refusal to reveal its instructions). */
const bareOffline: Answerer = { answer: async (_input, hooks) => (hooks.onDelta?.('Voici ce que je sais.'), { text: 'Voici ce que je sais.', model: 'local', usage: zeroUsage(), offline: true }) };

async function answered(offline: Answerer, input: Partial<AnswerInput> = {}) {
  const deltas: string[] = [];
  const output = await new AnswererWithOfflineFallback(failingLive, offline, logger).answer(
    { agent: 'audrey', message: 'Comment automatiser mes emails de bienvenue avec Kajabi ?', history: [], sources: [kajabi], ...input },
    { onDelta: (delta) => deltas.push(delta) },
  );
  expect(deltas.join('')).toBe(output.text);
  return output;
}

describe('the offline fallback of the live answerer', () => {
  it('where a person can answer: offers one with the technical note (unchanged)', async () => {
    expect((await answered(bareOffline)).text).toBe(`Voici ce que je sais.\n\n${HUMAN_HELP_OFFER}`);
    expect((await answered(bareOffline, { personCanAnswerHere: true })).text).toBe(`Voici ce que je sais.\n\n${HUMAN_HELP_OFFER}`);
  });

  it('where no person can answer in this chat: the technical note points to the agency, offering no person', async () => {
    const output = await answered(bareOffline, { personCanAnswerHere: false });
    expect(output.text).toBe(`Voici ce que je sais.\n\n${HUMAN_HELP_AGENCY_CONTACT}`);
    expect(HUMAN_HELP_AGENCY_CONTACT).toContain("contacte directement l'agence (ses coordonnées sont sur son site)");
    expect(output.text).not.toMatch(/une personne de l'équipe peut|je veux parler à quelqu'un/);
  });

  it('where no person can answer in this chat: the offline answer from the sources, already pointing to the agency, gets no second pointer', async () => {
    for (const agent of ['audrey', 'carole'] as const) {
      const output = await answered(new ExtractiveAnswerer(), { agent, personCanAnswerHere: false });
      expect(output.offline).toBe(true);
      expect(output.text.match(/contacte directement l'agence/g)).toHaveLength(1);
      expect(output.text).not.toMatch(/une personne de l'équipe|prendra le relais|l'équipe est là pour toi|je veux parler à quelqu'un/);
    }
  });
});
