import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from './front-matter.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

describe('parseFrontMatter', () => {
  it('reads title, agent_owner, tags, category and priority', () => {
    const { frontMatter, body } = parseFrontMatter(
      '---\ntitle: "Créer un Reel : le guide"\nagent_owner: carole\ntags: [instagram, reel]\ncategory: instagram\npriority: 2\n---\n# Titre\n\nTexte.',
      'kb/reel.md',
    );
    expect(frontMatter).toEqual({
      title: 'Créer un Reel : le guide',
      agent_owner: 'carole',
      tags: ['instagram', 'reel'],
      category: 'instagram',
      priority: 2,
    });
    expect(body).toBe('# Titre\n\nTexte.');
  });

  it('accepts a document without front matter, CRLF line ends, a BOM and comma-separated tags', () => {
    expect(parseFrontMatter('# Juste un titre\n', 'a.md')).toEqual({ frontMatter: {}, body: '# Juste un titre\n' });
    const parsed = parseFrontMatter('\uFEFF---\r\ntitle: Newsletter\r\ntags: email, newsletter\r\n---\r\nCorps', 'b.md');
    expect(parsed.frontMatter).toEqual({ title: 'Newsletter', tags: ['email', 'newsletter'] });
    expect(parsed.body).toBe('Corps');
  });

  it('accepts an empty front matter block (the closing --- right after the opening one)', () => {
    expect(parseFrontMatter('---\n---\nCorps seul.\n', 'a.md')).toEqual({ frontMatter: {}, body: 'Corps seul.\n' });
    expect(parseFrontMatter('---\r\n---\r\n# Titre', 'b.md')).toEqual({ frontMatter: {}, body: '# Titre' });
  });

  it('reads a key left without a value (a template field not filled in) as not given', () => {
    const parsed = parseFrontMatter('---\ntitle: Guide\nagent_owner:\ntags:\ncategory:\npriority:\n---\nCorps.', 'kb/modele.md');
    expect(parsed).toEqual({ frontMatter: { title: 'Guide' }, body: 'Corps.' });
    expect(parseFrontMatter('---\ntitle:\n---\nCorps.', 'kb/sans-titre.md').frontMatter).toEqual({});
    // An item left empty in a tag list is no tag either.
    expect(parseFrontMatter('---\ntags: [reel, null, ]\n---\nx', 'd.md').frontMatter).toEqual({ tags: ['reel'] });
    expect(parseFrontMatter('---\ntags:\n  - reel\n  -\n---\nx', 'e.md').frontMatter).toEqual({ tags: ['reel'] });
  });

  it('reads a value written with French typography (a space before the colon) as its text', () => {
    const { frontMatter } = parseFrontMatter(
      "---\ntitle: Newsletter d'artisan : Brevo ou Mailchimp ?\ncategory: email: outils\ntags: [email]\n---\nCorps",
      'kb/newsletter.md',
    );
    expect(frontMatter).toEqual({ title: "Newsletter d'artisan : Brevo ou Mailchimp ?", category: 'email: outils', tags: ['email'] });
  });

  it('reads a text field that YAML would make a number or a boolean as the text the author wrote', () => {
    const { frontMatter } = parseFrontMatter('---\ntitle: 2024\ncategory: 1.50\ntags: [2024, true, 0x1F, reel]\npriority: 3\n---\nCorps.', 'kb/bilan.md');
    expect(frontMatter).toEqual({ title: '2024', category: '1.50', tags: ['2024', 'true', '0x1F', 'reel'], priority: 3 });
    expect(parseFrontMatter('---\ntitle: true\ntags: 2024\n---\nx', 'a.md').frontMatter).toEqual({ title: 'true', tags: ['2024'] });
    expect(parseFrontMatter('---\ntitle: 010\n---\nx', 'b.md').frontMatter).toEqual({ title: '010' });
    // A quoted value and an empty one keep their meaning: the text, and "not given".
    expect(parseFrontMatter('---\ntitle: "2024"\ncategory: null\n---\nx', 'c.md').frontMatter).toEqual({ title: '2024' });
  });

  it('reads a quoted whole number as the priority, and still refuses a quoted text or decimal', () => {
    expect(parseFrontMatter('---\npriority: "2"\n---\nx', 'a.md').frontMatter).toEqual({ priority: 2 });
    expect(parseFrontMatter("---\npriority: ' 7 '\n---\nx", 'b.md').frontMatter).toEqual({ priority: 7 });
    expect(() => parseFrontMatter('---\npriority: "haute"\n---\nx', 'c.md')).toThrow(/priority doit être un nombre entier/);
    expect(() => parseFrontMatter('---\npriority: "1.5"\n---\nx', 'd.md')).toThrow(/priority doit être un nombre entier/);
    expect(() => parseFrontMatter('---\npriority: "-1"\n---\nx', 'e.md')).toThrow(/priority doit être positive/);
  });

  it('reads agent_owner whatever its case and surrounding spaces', () => {
    expect(parseFrontMatter('---\nagent_owner: Audrey\n---\nx', 'a.md').frontMatter).toEqual({ agent_owner: 'audrey' });
    expect(parseFrontMatter('---\nagent_owner: " SHARED "\n---\nx', 'b.md').frontMatter).toEqual({ agent_owner: 'shared' });
  });

  it('names the line of the file (not of the front matter) when the YAML is invalid', () => {
    expect(() => parseFrontMatter('---\ntitle: Guide\ntags: [non fermé\n---\nx', 'kb/mauvais.md')).toThrow(/ligne 3 du fichier/);
  });

  it.each([
    ['---\ntitle: [non fermé\n---\nx', 'front matter YAML invalide'],
    ['---\nagent_owner: marie\n---\nx', 'agent_owner doit valoir audrey, carole ou shared'],
    ['---\npriority: haute\n---\nx', 'priority doit être un nombre entier'],
    ['---\ntags: {a: 1}\n---\nx', 'tags doit être une liste de textes'],
    ['---\ntitle: Sans fin\nx', 'non fermé'],
    ['---\n- une\n- liste\n---\nx', 'un objet clé/valeur est attendu'],
  ])('rejects %j with a clear error naming the file', (text, reason) => {
    let caught: unknown;
    try {
      parseFrontMatter(text, 'kb/mauvais.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(KnowledgeFileError);
    expect((caught as KnowledgeFileError).message).toContain('kb/mauvais.md');
    expect((caught as KnowledgeFileError).message).toContain(reason);
    expect((caught as KnowledgeFileError).file).toBe('kb/mauvais.md');
  });
});
