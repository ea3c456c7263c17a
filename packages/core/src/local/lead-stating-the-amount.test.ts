import { beforeAll, describe, expect, it } from 'vitest';
import type { RetrievedChunk } from '../capabilities/capabilities.ts';
import { firstQuotedLineOf } from '../testing/first-quoted-line.ts';
import { readKnowledgeBaseChunksAsIngested } from '../testing/knowledge-base-chunks-as-ingested.ts';
import { openedByTheLeadStatingTheAmount } from './lead-stating-the-amount.ts';

const line = (documentId: string, text: string, overlap: number) => ({ documentId, text, overlap });
const statesAPrice = (passage: { text: string }) => /\d\s?€/.test(passage.text);
const never = () => false;

describe('the lead that alone states the amount asked opens the answer, though its document ranks second', () => {
  const inbox = line('inbox', 'Un passage toutes les heures coûte cher.', 1.9);
  const inboxOther = line('inbox', 'Crée trois libellés.', 1.2);
  const priceRow = line('prices', 'Gestion de la boîte mail : 30 à 35 €.', 2.1);

  it('opens with the lead when the best document states no amount and the lead is as close to the question', () => {
    const ordered = openedByTheLeadStatingTheAmount([inbox, inboxOther, priceRow], [priceRow, inbox, inboxOther], priceRow, { yesOrNoToAnotherQuestion: never, statesTheAmountAsked: statesAPrice });
    expect(ordered).toEqual([priceRow, inbox, inboxOther]);
  });

  it('keeps the best document first when no amount is asked, when it states one, or when the lead is further from the question', () => {
    const rules = { yesOrNoToAnotherQuestion: never, statesTheAmountAsked: statesAPrice };
    expect(openedByTheLeadStatingTheAmount([inbox, inboxOther, priceRow], [priceRow, inbox], priceRow, { ...rules, statesTheAmountAsked: null })[0]).toBe(inbox);
    const inboxPrice = line('inbox', 'Compte 300 € pour 10 h.', 1.5);
    expect(openedByTheLeadStatingTheAmount([inbox, inboxPrice, priceRow], [priceRow, inbox, inboxPrice], priceRow, rules)[0]).toBe(inbox);
    const weakRow = line('prices', 'Programmation : 35 à 40 € ; 8 h par mois.', 0.7);
    expect(openedByTheLeadStatingTheAmount([inbox, weakRow], [weakRow, inbox], weakRow, rules)[0]).toBe(inbox);
  });

  it('still never opens with a yes or a no to another FAQ question', () => {
    const yes = line('inbox', 'Oui. Elle passe deux fois.', 1.9);
    const ordered = openedByTheLeadStatingTheAmount([yes, inboxOther, priceRow], [yes, inboxOther], inboxOther, { yesOrNoToAnotherQuestion: (passage) => passage === yes, statesTheAmountAsked: null });
    expect(ordered[0]).toBe(inboxOther);
  });
});

describe('on the fifth knowledge base (a price table beside a guide sharing its words)', () => {
  let chunks: RetrievedChunk[];
  beforeAll(async () => {
    chunks = await readKnowledgeBaseChunksAsIngested(new URL('../evaluation/fifth-knowledge-base/kb/', import.meta.url));
  });

  it("quotes the price table's row first for what a task costs", () => {
    expect(firstQuotedLineOf(chunks, 'combien coute une asistante pour gérer ma boite mail ?', 'audrey')).toMatch(/^• Gestion de la boîte mail — Tarif horaire moyen : 30 à 35 €/u);
  });

  it('keeps the notice period of the contract first for "c\'est combien le préavis"', () => {
    expect(firstQuotedLineOf(chunks, "c'est combien le préavis pour arrêter avec ma VA apres 8 mois ?", 'audrey')).toContain('préavis de 15 jours');
  });
});
