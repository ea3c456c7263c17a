import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentName } from '../contract/chat-schemas.ts';

/**
 * The agents' system prompts, versioned files `prompts/<agent>.v<N>.md`. The highest version of each
 * agent is used; its id (`audrey.v1`) is recorded on every answer (result `prompt_version`). Files are
 * read once, on first use (at start: the pipeline reads them when it is created), never per message.
 */

export const agentPromptsDirectory = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

export interface AgentPrompt {
  agent: AgentName;
  /** `<agent>.v<N>`, e.g. `audrey.v1`. */
  version: string;
  text: string;
}

const promptFileName = /^(audrey|carole)\.v(\d+)\.md$/;

export class AgentPromptMissingError extends Error {
  constructor(agent: AgentName, directory: string) {
    super(`no system prompt for ${agent} in ${directory} (expected ${agent}.v<N>.md)`);
    this.name = 'AgentPromptMissingError';
  }
}

/** Reads the latest prompt of each agent from `directory`. Throws when one is missing or empty. */
export function loadAgentPrompts(directory: string = agentPromptsDirectory): Record<AgentName, AgentPrompt> {
  const latest = new Map<AgentName, { number: number; file: string }>();
  for (const file of readdirSync(directory)) {
    const match = promptFileName.exec(file);
    if (!match) continue;
    const agent = match[1] as AgentName;
    const number = Number(match[2]);
    if ((latest.get(agent)?.number ?? -1) < number) latest.set(agent, { number, file });
  }
  const load = (agent: AgentName): AgentPrompt => {
    const found = latest.get(agent);
    if (!found) throw new AgentPromptMissingError(agent, directory);
    const text = readFileSync(path.join(directory, found.file), 'utf8').trim();
    if (text === '') throw new AgentPromptMissingError(agent, directory);
    return { agent, version: `${agent}.v${found.number}`, text };
  };
  return { audrey: load('audrey'), carole: load('carole') };
}

let cached: Record<AgentName, AgentPrompt> | undefined;

/** The prompts of `agentPromptsDirectory`, read once per process. */
export function agentPrompts(): Record<AgentName, AgentPrompt> {
  cached ??= loadAgentPrompts();
  return cached;
}

export const promptVersionOf = (agent: AgentName): string => agentPrompts()[agent].version;
