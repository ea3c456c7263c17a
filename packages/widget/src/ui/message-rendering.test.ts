// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { historyFromMessagesBody, replyFromV2Result } from '../client/chat-reply.ts';
import {
  completeAssistantMessage,
  renderAssistantMessage,
  renderPendingAssistantMessage,
  renderUserMessage,
  showStreamingText,
} from './message-rendering.ts';

const attack = '<img src=x onerror=alert(1)>';

function v2Result(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    job_id: 'job-1', conversation_id: 'conv-1', message: 'Bonjour', agent: 'audrey', confidence: 0.9, reasoning: 'r',
    timestamp: new Date().toISOString(), escalated: false, sources: [], model: 'local', offline: true,
    usage: { prompt_tokens: 0, completion_tokens: 0, cost_usd: 0 },
    timings_ms: { route: 1, retrieve: 1, rerank: 1, generate: 1, total: 4 },
    routing: { method: 'local', confidence: 0.9, latency_ms: 1 },
    ...overrides,
  };
}

describe('messages are rendered as text, never as HTML', () => {
  it('an answer containing <img src=x onerror=alert(1)> shows those characters and creates no element', () => {
    const reply = replyFromV2Result(
      v2Result({ message: `Voici : ${attack}`, sources: [{ document_id: 'd', title: `<b>${attack}</b>`, chunk_id: 'c', score: 1 }] }),
    )!;
    const item = renderAssistantMessage(document, reply);
    document.body.append(item);
    expect(item.querySelector('.message-text')!.textContent).toBe(`Voici : ${attack}`);
    expect(item.querySelector('.source')!.textContent).toBe(`<b>${attack}</b>`);
    expect(item.querySelectorAll('img, b, script')).toHaveLength(0);
    expect(item.innerHTML).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('visitor messages and streamed text are text too', () => {
    const user = renderUserMessage(document, attack);
    expect(user.textContent).toBe(attack);
    expect(user.querySelector('img')).toBeNull();
    const pending = renderPendingAssistantMessage(document);
    showStreamingText(pending, `${attack} en cours`);
    expect(pending.dataset.state).toBe('streaming');
    expect(pending.querySelector('img')).toBeNull();
    expect(pending.textContent).toBe(`${attack} en cours`);
  });

  it('shows the agent badge, and an escalation as such', () => {
    const audrey = renderAssistantMessage(document, replyFromV2Result(v2Result({ agent: 'audrey' }))!);
    expect(audrey.querySelector('[data-testid="agent-badge"]')!.textContent).toBe('👩‍💼 Audrey');
    const carole = renderAssistantMessage(document, replyFromV2Result(v2Result({ agent: 'carole' }))!);
    expect(carole.querySelector('[data-testid="agent-badge"]')!.textContent).toBe('🎨 Carole');
    const escalated = renderPendingAssistantMessage(document);
    completeAssistantMessage(escalated, replyFromV2Result(v2Result({ agent: 'escalate', escalated: true }))!);
    expect(escalated.dataset.agent).toBe('escalate');
    expect(escalated.classList.contains('escalated')).toBe(true);
    expect(escalated.querySelector('[data-testid="agent-badge"]')!.textContent).toBe('🙋 Relais à l’équipe');
    // The reply's own text says who follows up: no second notice in the bubble.
    expect(escalated.querySelectorAll('p')).toHaveLength(1);
  });

  it('lists each source title once and ignores malformed sources', () => {
    const reply = replyFromV2Result(
      v2Result({ sources: [{ title: 'Kajabi' }, { title: 'Kajabi' }, { title: 42 }, null, { title: ' Reels ' }] }),
    )!;
    expect(reply.sourceTitles).toEqual(['Kajabi', 'Reels']);
    expect(replyFromV2Result({ message: 3 })).toBeUndefined();
  });

  it('restores stored answers with their source titles, as text', () => {
    const history = historyFromMessagesBody({
      conversation_id: 'conv-1',
      messages: [
        { id: '1', conversation_id: 'conv-1', role: 'user', content: 'Kajabi ?', agent: null, job_id: 'j', created_at: '2026-01-01T00:00:00Z' },
        {
          id: '2', conversation_id: 'conv-1', role: 'assistant', content: 'Voici…', agent: 'audrey', job_id: 'j', created_at: '2026-01-01T00:00:01Z',
          sources: [{ document_id: 'd', title: attack, chunk_id: 'c', score: 0.9 }, { document_id: 'd', title: 'Kajabi', chunk_id: 'c2', score: 0.8 }],
        },
        { id: '3', conversation_id: 'conv-1', role: 'assistant', content: 'Ancienne réponse', agent: null, job_id: null, created_at: '2026-01-01T00:00:02Z' },
      ],
    });
    expect(history.map((entry) => entry.sourceTitles)).toEqual([[], [attack, 'Kajabi'], []]);
    const rendered = renderAssistantMessage(document, { text: history[1]!.text, agent: history[1]!.agent, escalated: false, sourceTitles: history[1]!.sourceTitles });
    expect(rendered.textContent).toContain(attack);
    expect(rendered.querySelector('img')).toBeNull();
  });
});

/** How many times `needle` occurs in `haystack`. */
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('an answer shows its sources once (issue 14)', () => {
  const titles = ['Automatiser les emails de bienvenue avec Kajabi', 'Tunnel de vente pour un ebook'];
  const sources = [
    { document_id: 'kajabi', title: titles[0], chunk_id: 'k1', score: 0.9 },
    { document_id: 'kajabi', title: titles[0], chunk_id: 'k2', score: 0.8 },
    { document_id: 'tunnel', title: titles[1], chunk_id: 't1', score: 0.7 },
  ];
  // The shapes answers cite their sources in: the offline answers (Audrey, Carole) and a model's.
  const answerTexts = [
    `Bonjour ! Voici ce que je te conseille :\n\n1. Crée une séquence.\n2. Ajoute un tag.\n\nSources : « ${titles[0]} », « ${titles[1]} ».\n\n(Réponse préparée hors ligne.)`,
    `Coucou ! ✨ Voici quelques pistes :\n\n💡 Crée une séquence.\n\n📚 Sources : « ${titles[0]} », « ${titles[1]} ».\n\n(Réponse préparée hors ligne.)`,
    `Crée une séquence dans Kajabi.\n\n**Sources :**\n- ${titles[0]}\n- ${titles[1]}`,
  ];

  it.each(answerTexts)('lists each source title once, under the answer, and keeps the rest of the text: %#', (text) => {
    const reply = replyFromV2Result(v2Result({ message: text, sources }))!;
    const item = renderAssistantMessage(document, reply);
    for (const title of titles) expect(occurrences(item.textContent!, title)).toBe(1);
    expect(Array.from(item.querySelectorAll('.source'), (source) => source.textContent)).toEqual(titles);
    const shown = item.querySelector('.message-text')!.textContent!;
    expect(shown).not.toMatch(/sources\s*\**\s*:/i);
    expect(shown).toContain('Crée une séquence');
    if (text.includes('hors ligne')) expect(shown).toContain('(Réponse préparée hors ligne.)');
  });

  it('keeps the text as written when the answer has no structured sources, and elsewhere-mentioned "sources"', () => {
    const text = 'Tes sources de trafic : Instagram et ton blog.\nSources : « Guide » .';
    const item = renderAssistantMessage(document, replyFromV2Result(v2Result({ message: text, sources: [] }))!);
    expect(item.querySelector('.message-text')!.textContent).toBe(text);
    const withSources = renderAssistantMessage(document, replyFromV2Result(v2Result({ message: text, sources }))!);
    expect(withSources.querySelector('.message-text')!.textContent).toBe('Tes sources de trafic : Instagram et ton blog.');
  });
});
