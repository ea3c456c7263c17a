/**
 * Over-match check: the keyword router's decision (kind, agent, category), small-talk kind, identity question, urgent
 * help and own-health reading of every distinct message ("q") of every JSONL file of the repository and of the shared
 * development set, printed one JSON line per message, sorted. Run before and after a change and diff the two outputs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { KeywordRouter } from '../packages/core/src/local/keyword-router.ts';
import { smallTalkOf } from '../packages/core/src/agents/small-talk.ts';
import { asksWhatTheChatIs } from '../packages/core/src/agents/assistant-identity.ts';
import { urgentHelpOf } from '../packages/core/src/agents/urgent-help.ts';
import { speaksOfOwnHealth } from '../packages/core/src/local/escalation-out-of-scope.ts';

const files = execFileSync('git', ['ls-files', '*.jsonl'], { encoding: 'utf8' }).trim().split('\n');
for (const extra of ['/work/shared/eval/routing_dev.jsonl', '/work/shared/eval/retrieval_dev.jsonl']) if (existsSync(extra)) files.push(extra);
const messages = new Set<string>();
for (const file of files)
  for (const line of readFileSync(file, 'utf8').split('\n'))
    if (line.trim() !== '') {
      const q = (JSON.parse(line) as { q?: unknown }).q;
      if (typeof q === 'string') messages.add(q);
    }
const router = new KeywordRouter();
const rows = [...messages].sort().map((message) => {
  const d = router.decide({ message, history: [] });
  return JSON.stringify({
    q: message,
    kind: d.kind,
    agent: d.agent,
    category: 'category' in d ? d.category : null,
    smallTalk: smallTalkOf(message),
    identity: asksWhatTheChatIs(message),
    urgent: urgentHelpOf(message),
    ownHealth: speaksOfOwnHealth(message),
  });
});
process.stdout.write(rows.join('\n') + '\n');
