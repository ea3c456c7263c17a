import type { AgentName } from '../../contract/chat-schemas.ts';
import type { AnswerInput, HistoryMessage, RetrievedChunk, RouteInput } from '../../capabilities/capabilities.ts';
import type { ChatMessage } from './openrouter-client.ts';

/** Prompts of the live agents and of the live router (French, "tu", short, grounded, sources cited). */

const personas: Record<AgentName, string> = {
  audrey:
    "Tu es Audrey, experte en automatisation, tunnels de vente, email marketing, Kajabi, Systeme.io, Zapier, Make, CRM et webinaires, " +
    "pour une agence qui accompagne des femmes entrepreneures (coachs, thérapeutes, praticiennes bien-être). Ton ton est clair, concret et bienveillant.",
  carole:
    "Tu es Carole, experte Instagram, Reels, stories, création de contenu, légendes, hashtags, identité visuelle, Canva et design, " +
    "pour une agence qui accompagne des femmes entrepreneures (coachs, thérapeutes, praticiennes bien-être). Ton ton est chaleureux et créatif, avec quelques emojis.",
};

const rules =
  "Règles : réponds en français, tutoie la personne, 250 mots au maximum. Appuie-toi UNIQUEMENT sur les sources fournies ; " +
  "si elles ne suffisent pas, dis-le simplement et propose qu'une personne de l'équipe prenne le relais. " +
  'Termine par une ligne « Sources : » citant les titres des sources utilisées.';

export function formatSources(sources: readonly RetrievedChunk[]): string {
  if (sources.length === 0) return '(aucune source trouvée)';
  return sources
    .map((source, index) => `[${index + 1}] ${source.title}${source.section ? ` — ${source.section}` : ''}\n${source.content.trim()}`)
    .join('\n\n');
}

function historyMessages(history: readonly HistoryMessage[]): ChatMessage[] {
  return history.map((message) => ({ role: message.role, content: message.content }));
}

export function agentMessages(input: AnswerInput): ChatMessage[] {
  return [
    { role: 'system', content: `${personas[input.agent]}\n\n${rules}\n\nSources :\n${formatSources(input.sources)}` },
    ...historyMessages(input.history),
    { role: 'user', content: input.message },
  ];
}

const routerInstructions =
  "Tu es l'orchestrateur du chat d'une agence de coaching. Choisis qui répond au dernier message :\n" +
  '- "audrey" : automatisation, tunnels de vente, email marketing, Kajabi, Systeme.io, Zapier, Make, CRM, webinaires ;\n' +
  '- "carole" : Instagram, Reels, stories, création de contenu, légendes, hashtags, identité visuelle, Canva, design ;\n' +
  '- "escalate" : remboursement, facturation, réclamation, demande de parler à une personne, accès au compte, données personnelles, ou tout ce qui sort de ces sujets.\n' +
  'Réponds UNIQUEMENT par un objet JSON : {"agent": "audrey"|"carole"|"escalate", "confidence": nombre entre 0 et 1, "reasoning": "courte raison"}.';

export function routerMessages(input: RouteInput): ChatMessage[] {
  const recent = input.history.slice(-6);
  const context =
    recent.length === 0
      ? ''
      : `\n\nDerniers échanges :\n${recent.map((message) => `${message.role === 'user' ? 'Visiteuse' : `Agent (${message.agent ?? '?'})`} : ${message.content.slice(0, 400)}`).join('\n')}`;
  return [
    { role: 'system', content: routerInstructions + context },
    { role: 'user', content: input.message },
  ];
}

/** Appended to the offline answer when every live model failed. */
export const HUMAN_HELP_OFFER =
  "Je rencontre un petit souci technique en ce moment : si tu préfères, une personne de l'équipe peut te répondre directement, " +
  "écris simplement « je veux parler à quelqu'un ».";
