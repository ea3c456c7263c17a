import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useKnowledgeCheckFixture } from '../testing/knowledge-check-test-fixture.ts';
import { pipelineJob as job } from './pipeline-job-fixture.ts';

/**
 * A question only on how to reach the agency, asked of the sample knowledge base, which gives no address nor phone (a probe of
 * `pnpm start`, 2026-12-05): "vous êtes où ?" got the clarifying question ("Ta question porte plutôt sur l'automatisation… ou
 * sur Instagram… ?"). The expert answers that the knowledge base does not say, quoting no unrelated line.
 */

const fixture = useKnowledgeCheckFixture(mkdtempSync(path.join(os.tmpdir(), 'no-extra-documents-')));
const pipeline = () => fixture.pipeline();

describe('a question only on how to reach the agency that no page answers', () => {
  it.each(['vous êtes où ?', 'où êtes-vous situés ?', 'vous êtes basés où ?'])('%s: the expert says the knowledge base does not give it', async (message) => {
    const result = await pipeline().run(job(message, `conv-${randomUUID()}`), {});
    expect(result.agent).toBe('audrey');
    expect(result.escalated).toBe(false);
    expect(result.message).toMatch(/^Je n'ai rien trouvé/);
    expect(result.message).not.toContain('Ta question porte plutôt');
  });

  it('leaves a request to talk to someone, and a vague message, as they were', async () => {
    const person = await pipeline().run(job('je veux parler à quelqu’un, votre numéro ?', `conv-${randomUUID()}`), {});
    expect(person.agent).toBe('escalate');
    const vague = await pipeline().run(job("j'ai un souci", `conv-${randomUUID()}`), {});
    expect(vague.message).toContain('Ta question porte plutôt');
  });
});
