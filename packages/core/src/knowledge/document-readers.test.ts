import { describe, expect, it } from 'vitest';
import { chunkDocument } from './chunker.ts';
import { htmlReader } from './html-document-reader.ts';
import { markdownReader, plainTextReader, readerForFile, supportedExtensions } from './document-readers.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';
import { pdfReader } from './pdf-document-reader.ts';
import { buildMinimalPdf } from './test-support/minimal-pdf.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function readError(promise: Promise<unknown>): Promise<KnowledgeFileError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(KnowledgeFileError);
  return error as KnowledgeFileError;
}

const page = `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <title>Guide des Reels | Agence LAC</title>
  <meta name="agent_owner" content="carole">
  <meta name="tags" content="instagram, reel">
  <meta name="priority" content="2">
  <style>body { color: red; }</style>
  <script>window.tracking = "ne pas indexer";</script>
</head>
<body>
  <nav><a href="/">Accueil</a> <a href="/blog">Blog</a></nav>
  <div role="navigation">Menu secondaire</div>
  <main>
    <h1>Guide des Reels</h1>
    <p>Un Reel de <strong>15 secondes</strong> suffit&nbsp;: commence par une accroche.</p>
    <h2>Les étapes</h2>
    <ol>
      <li>Choisis un son tendance</li>
      <li>Filme en vertical
        <ul><li>lumière naturelle</li><li>cadre stable</li></ul>
      </li>
    </ol>
    <h3>Le montage</h3>
    <div>Coupe les silences.<br>Ajoute des sous-titres.</div>
    <table><tr><th>Format</th><th>Durée</th></tr><tr><td>Reel</td><td>15 s</td></tr></table>
    <pre># pas un titre
  garde l'indentation</pre>
    <p hidden>Texte caché</p>
  </main>
  <noscript>Active JavaScript</noscript>
</body>
</html>`;

describe('htmlReader', () => {
  it('keeps headings, paragraphs, lists and tables as Markdown and drops script, style and navigation', async () => {
    const document = await htmlReader.read(utf8(page), 'guides/reels.html');
    expect(document).toMatchObject({
      fileType: 'html',
      title: 'Guide des Reels',
      agentOwner: 'carole',
      tags: ['instagram', 'reel'],
      priority: 2,
      category: null,
    });
    expect(document.body).toBe(
      [
        '# Guide des Reels',
        'Un Reel de 15 secondes suffit : commence par une accroche.',
        '## Les étapes',
        '1. Choisis un son tendance\n2. Filme en vertical\n  - lumière naturelle\n  - cadre stable',
        '### Le montage',
        'Coupe les silences.\nAjoute des sous-titres.',
        '| Format | Durée |\n| --- | --- |\n| Reel | 15 s |',
        "```\n# pas un titre\n  garde l'indentation\n```",
      ].join('\n\n'),
    );
    for (const dropped of ['tracking', 'color', 'Accueil', 'Menu secondaire', 'Texte caché', 'Active JavaScript']) {
      expect(document.body).not.toContain(dropped);
    }
    const sections = chunkDocument(document.body, document.title, { minChars: 10, maxChars: 900 }).map((chunk) => chunk.section);
    expect(sections).toEqual([null, 'Les étapes', 'Les étapes > Le montage']);
  });

  it('takes the <title> when it does not contain the first <h1>, else the file name; without <meta> the owner is left to the tagger', async () => {
    const withTitle = await htmlReader.read(utf8('<title>Tarifs 2026</title><h1>Nos offres</h1><p>Texte.</p>'), 'tarifs.html');
    expect(withTitle).toMatchObject({ title: 'Tarifs 2026', agentOwner: null, tags: [], priority: 1 });
    const bare = await htmlReader.read(utf8('<p>Juste un paragraphe.</p>'), 'dossier/mon-guide_email.htm');
    expect(bare.title).toBe('mon guide email');
    expect(bare.body).toBe('Juste un paragraphe.');
  });

  it('decodes a page declared in windows-1252', async () => {
    const latin1 = Buffer.from('<meta charset="windows-1252"><title>Caf\xe9</title><p>Cr\xe9ation de contenu</p>', 'latin1');
    const document = await htmlReader.read(latin1, 'ancien.html');
    expect(document.title).toBe('Café');
    expect(document.body).toBe('Création de contenu');
  });

  it('rejects an unknown agent_owner in <meta> and a page without text, naming the file', async () => {
    const owner = await readError(htmlReader.read(utf8('<meta name="agent_owner" content="marie"><p>Texte.</p>'), 'kb/page.html'));
    expect(owner.message).toMatch(/^kb\/page\.html: métadonnées HTML \(<meta>\) invalide : agent_owner doit valoir audrey, carole ou shared/);
    const empty = await readError(htmlReader.read(utf8('<html><head><title>Vide</title><script>x()</script></head><body><nav>menu</nav></body></html>'), 'kb/vide.html'));
    expect(empty.message).toBe('kb/vide.html: le document est vide');
  });
});

describe('pdfReader', () => {
  it('reads the text page by page, with headings from larger fonts and paragraphs from vertical gaps', async () => {
    const pdf = buildMinimalPdf({
      title: 'Tunnel de vente : le guide',
      pages: [
        [
          { text: 'Tunnel de vente', fontSize: 20 },
          'Un tunnel de vente guide ta cliente de la découverte',
          "jusqu'à l'achat, étape par étape.",
          '',
          'Commence par une page de capture simple et efficace.',
          { text: 'Les emails', fontSize: 15 },
          'Une séquence de cinq emails suffit pour démarrer.',
        ],
        ['Deuxième page : mesure le taux de conversion (en %) chaque semaine.'],
      ],
    });
    const document = await pdfReader.read(pdf, 'docs/tunnel.pdf');
    expect(document).toMatchObject({ fileType: 'pdf', title: 'Tunnel de vente : le guide', agentOwner: null, tags: [], priority: 1 });
    expect(document.body).toBe(
      [
        '# Tunnel de vente',
        "Un tunnel de vente guide ta cliente de la découverte jusqu'à l'achat, étape par étape.",
        'Commence par une page de capture simple et efficace.',
        '## Les emails',
        'Une séquence de cinq emails suffit pour démarrer.',
        'Deuxième page : mesure le taux de conversion (en %) chaque semaine.',
      ].join('\n\n'),
    );
  });

  it('does not change the bytes it is given (PDF.js detaches the buffer it parses)', async () => {
    const pdf = buildMinimalPdf({ pages: [['Texte.']] });
    const copy = Buffer.from(pdf);
    await pdfReader.read(pdf, 'a.pdf');
    expect(pdf.equals(copy)).toBe(true);
  });

  it('takes the first line as title without /Title metadata (or with a placeholder one)', async () => {
    const plain = await pdfReader.read(buildMinimalPdf({ pages: [['Checklist Instagram', 'Publie trois fois par semaine.']] }), 'check.pdf');
    expect(plain.title).toBe('Checklist Instagram');
    const placeholder = await pdfReader.read(buildMinimalPdf({ title: 'Microsoft Word - brouillon.docx', pages: [['Planning éditorial']] }), 'p.pdf');
    expect(placeholder.title).toBe('Planning éditorial');
  });

  it('rejects a corrupt PDF and a PDF without text, naming the file', async () => {
    const corrupt = await readError(pdfReader.read(utf8('%PDF-1.4\nceci nest pas un pdf\n%%EOF'), 'kb/cassé.pdf'));
    expect(corrupt.message).toMatch(/^kb\/cassé\.pdf: PDF illisible ou corrompu/);
    const truncated = buildMinimalPdf({ pages: [['Texte tronqué quelque part.']] }).subarray(0, 120);
    expect((await readError(pdfReader.read(truncated, 'kb/tronqué.pdf'))).message).toMatch(/^kb\/tronqué\.pdf: PDF illisible/);
    const blank = await readError(pdfReader.read(buildMinimalPdf({ pages: [[]] }), 'kb/scan.pdf'));
    expect(blank.message).toBe('kb/scan.pdf: aucun texte extractible dans ce PDF (document scanné ou images seules ?)');
  });
});

describe('text encodings', () => {
  it('reads a text saved as UTF-16 with its byte order mark (Notepad\'s "Unicode"), little or big endian', async () => {
    const text = 'Tarifs\nUne séance coûte 90 €.';
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bigEndian = Buffer.from(littleEndian).swap16();
    for (const raw of [littleEndian, bigEndian]) {
      expect(await plainTextReader.read(raw, 'kb/tarifs.txt')).toMatchObject({ title: 'Tarifs', body: 'Une séance coûte 90 €.' });
    }
  });

  it('refuses other bytes than UTF-8 naming the file and how to fix it', async () => {
    const error = await readError(plainTextReader.read(Buffer.from('Caf\xe9 cr\xe8me', 'latin1'), 'kb/ancien.txt'));
    expect(error.message).toBe("kb/ancien.txt: le fichier n'est pas du texte UTF-8 valide (enregistré en Windows-1252 ou Latin-1 ? réenregistre-le en UTF-8)");
  });
});

describe('readerForFile', () => {
  it('picks the reader by extension, case-insensitively', async () => {
    expect(readerForFile('a/B.HTML')?.fileType).toBe('html');
    expect(readerForFile('x.htm')?.fileType).toBe('html');
    expect(readerForFile('x.pdf')?.fileType).toBe('pdf');
    expect(readerForFile('x.md')).toBe(markdownReader);
    expect(readerForFile('x.docx')).toBeNull();
    expect(supportedExtensions).toEqual(expect.arrayContaining(['.md', '.txt', '.html', '.pdf']));
  });
});
