import { parse, NodeType, type HTMLElement, type Node } from 'node-html-parser';
import {
  assertNotEmpty,
  collapseSpaces,
  decodeUtf8,
  DEFAULT_PRIORITY,
  titleFromFileName,
  type DocumentReader,
} from './document-reader-support.ts';
import { validateDocumentMetadata } from './front-matter.ts';
import { KnowledgeFileError } from './knowledge-file-error.ts';

/**
 * HTML pages (node-html-parser) to the Markdown-like body the chunker reads:
 *
 * - title: the first <h1> when the <title> contains it (a <title> often carries the site name,
 *   "Guide Reels | Agence"), else the <title>, else the first <h1>, else the file name;
 * - h1–h6 become `#`–`######` headings; paragraphs, block quotes and bare text in containers
 *   become paragraphs; list items become `- item` lines (nested lists indented), one list per
 *   paragraph; a table becomes a Markdown table (`| cell | cell |`, its header row marked); <pre> is kept verbatim in a fence; <br> breaks a line;
 * - the page's content: its <main> (or role="main") when it has one with text, else its <body>
 *   (whole, chrome included, when all its text is chrome: a page written in a <header>);
 *   the page's chrome is dropped: nav (and role="navigation"), dialogs (<dialog>, role="dialog" or
 *   "alertdialog": cookie banners, modals), role="search" and elements whose id or one class is the
 *   name of a cookie or consent banner ("cookie-banner", a consent tool's) anywhere; outside a <main> or an <article>, also <header>, <footer>,
 *   <aside>, role="banner", "contentinfo" and "complementary" (inside, an article's header, footer
 *   or aside is its content);
 * - script, style, noscript, template, svg, iframe, form controls and elements marked `hidden` are dropped;
 * - metadata from `<meta name="agent_owner|tags|category|priority" content="...">`, validated like
 *   Markdown front matter (an unknown agent_owner is an error naming the file);
 * - the bytes are UTF-8 unless a `<meta charset>` in the first 1024 bytes says otherwise.
 */

const DROPPED_TAGS = new Set([
  'script', 'style', 'nav', 'noscript', 'template', 'svg', 'iframe', 'head', 'title', 'button', 'select',
  'option', 'textarea', 'input', 'canvas', 'object', 'embed', 'audio', 'video', 'map',
]);
const BLOCK_TAGS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'blockquote', 'figure',
  'figcaption', 'address', 'details', 'summary', 'dl', 'dt', 'dd', 'form', 'fieldset', 'legend',
  'body', 'html', 'center', 'caption', 'hgroup', 'hr',
]);
const HEADING_TAG = /^h([1-6])$/;
const DROPPED_ROLES = new Set(['navigation', 'dialog', 'alertdialog', 'search']);
/** The page's chrome when outside a <main> or an <article>. */
const PAGE_CHROME_TAGS = new Set(['header', 'footer', 'aside']);
const PAGE_CHROME_ROLES = new Set(['banner', 'contentinfo', 'complementary']);
/**
 * An id or one class of a cookie or consent banner: the whole name ("cookie-banner", "cookies_notice")
 * or one of a consent tool ("tarteaucitronRoot", "didomi-host", "CybotCookiebotDialog"), each name
 * on its own: the id "cookies" beside the class "box", or a class "cookie-consent-steps" in a guide
 * on consent banners, are a text about cookies.
 */
const CONSENT_BANNER_NAME = /^(?:(?:cookies?|consent|gdpr|rgpd)[-_]?(?:banner|bar|notice|consent|popup|modal|box)|(?:tarteaucitron|didomi|axeptio|onetrust|cybotcookiebot|cookiebot)(?:[-_a-z0-9]*))$/i;
const namesAConsentBanner = (element: HTMLElement): boolean =>
  [element.id, ...(element.getAttribute('class') ?? '').split(/\s+/)].some((name) => name !== '' && CONSENT_BANNER_NAME.test(name));
const CONTENT_TAGS = new Set(['main', 'article']);
const META_FIELDS = ['agent_owner', 'tags', 'category', 'priority'] as const;

function tagOf(element: HTMLElement): string {
  return (element.rawTagName ?? '').toLowerCase();
}

const roleOf = (element: HTMLElement): string => (element.getAttribute('role') ?? '').trim().toLowerCase();

/** `insideContent`: the element is inside a <main> or an <article> (role="main" or "article"). */
function isDropped(element: HTMLElement, insideContent: boolean): boolean {
  const tag = tagOf(element);
  const role = roleOf(element);
  if (DROPPED_TAGS.has(tag) || tag === 'dialog' || DROPPED_ROLES.has(role)) return true;
  if (element.hasAttribute('hidden') || element.getAttribute('aria-hidden') === 'true') return true;
  if (namesAConsentBanner(element)) return true;
  return !insideContent && (PAGE_CHROME_TAGS.has(tag) || PAGE_CHROME_ROLES.has(role));
}

function opensContent(element: HTMLElement): boolean {
  return CONTENT_TAGS.has(tagOf(element)) || roleOf(element) === 'main' || roleOf(element) === 'article';
}

function inlineText(text: string): string {
  return collapseSpaces(text.replace(/\s+/g, ' ')).trim();
}

/** Collects blocks (separated by blank lines in the body) while walking the DOM. */
class BlockWriter {
  readonly blocks: string[] = [];
  private inline = '';

  addInline(text: string): void {
    this.inline += text;
  }

  lineBreak(): void {
    this.inline += '\n';
  }

  flush(): void {
    const lines = this.inline
      .split('\n')
      .map((line) => collapseSpaces(line.replace(/[\r\t]+/g, ' ')).trim())
      .filter((line) => line !== '');
    this.inline = '';
    if (lines.length > 0) this.blocks.push(lines.join('\n'));
  }

  push(block: string): void {
    this.flush();
    if (block.trim() !== '') this.blocks.push(block);
  }
}

function walkChildren(element: HTMLElement, writer: BlockWriter, insideContent: boolean): void {
  for (const child of element.childNodes) walk(child, writer, insideContent);
}

function walk(node: Node, writer: BlockWriter, insideContent: boolean): void {
  if (node.nodeType === NodeType.TEXT_NODE) {
    writer.addInline(node.text.replace(/\s+/g, ' '));
    return;
  }
  if (node.nodeType !== NodeType.ELEMENT_NODE) return;
  const element = node as HTMLElement;
  if (isDropped(element, insideContent)) return;
  const inside = insideContent || opensContent(element);
  const tag = tagOf(element);
  const heading = HEADING_TAG.exec(tag);
  if (heading) {
    const text = inlineText(element.text);
    if (text !== '') writer.push(`${'#'.repeat(Number(heading[1]))} ${text}`);
    return;
  }
  if (tag === 'br') return writer.lineBreak();
  if (tag === 'ul' || tag === 'ol') return writer.push(listLines(element, 0, inside).join('\n'));
  if (tag === 'table') return writer.push(tableLines(element).join('\n'));
  if (tag === 'pre') {
    const text = element.text.replace(/\r\n?/g, '\n').replace(/^\n+|\s+$/g, '');
    if (text.trim() !== '') writer.push(`\`\`\`\n${text}\n\`\`\``);
    return;
  }
  if (BLOCK_TAGS.has(tag) || tag === 'li') {
    writer.flush();
    walkChildren(element, writer, inside);
    writer.flush();
    return;
  }
  walkChildren(element, writer, inside); // inline element: a, strong, em, span, code...
}

/** `- item` lines of a list (`1. item` for <ol>), nested lists indented by two spaces per level. */
function listLines(list: HTMLElement, depth: number, insideContent: boolean): string[] {
  const lines: string[] = [];
  const indent = '  '.repeat(depth);
  let number = Number(list.getAttribute('start') ?? '1') || 1;
  for (const child of list.childNodes) {
    if (child.nodeType !== NodeType.ELEMENT_NODE) continue;
    const item = child as HTMLElement;
    if (isDropped(item, insideContent)) continue;
    if (tagOf(item) === 'ul' || tagOf(item) === 'ol') {
      lines.push(...listLines(item, depth + 1, insideContent));
      continue;
    }
    const marker = tagOf(list) === 'ol' ? `${number++}.` : '-';
    const writer = new BlockWriter();
    const nested: string[] = [];
    for (const part of item.childNodes) {
      if (part.nodeType === NodeType.ELEMENT_NODE && ['ul', 'ol'].includes(tagOf(part as HTMLElement))) {
        if (!isDropped(part as HTMLElement, insideContent)) nested.push(...listLines(part as HTMLElement, depth + 1, insideContent));
      } else {
        walk(part, writer, insideContent);
      }
    }
    writer.flush();
    const text = writer.blocks.join(' ').replace(/\n+/g, ' ').replace(/^#+\s+/, '');
    if (text !== '') lines.push(`${indent}${marker} ${text}`);
    lines.push(...nested);
  }
  return lines;
}

/**
 * A table as a Markdown table: `| cell | cell |` rows, empty cells kept in their column, and the
 * separator row after a first row of <th> cells, which says what the columns are (the knowledge
 * check and the chunker read a table's header by it).
 */
function tableLines(table: HTMLElement): string[] {
  const lines: string[] = [];
  for (const [index, row] of table.querySelectorAll('tr').entries()) {
    const cells = row.childNodes.filter((cell): cell is HTMLElement => cell.nodeType === NodeType.ELEMENT_NODE && ['td', 'th'].includes(tagOf(cell as HTMLElement)));
    const texts = cells.map((cell) => inlineText(cell.text).replace(/\|/g, '/'));
    if (texts.every((text) => text === '')) continue;
    lines.push(`| ${texts.join(' | ')} |`);
    if (index === 0 && cells.every((cell) => tagOf(cell) === 'th')) lines.push(`| ${Array.from({ length: texts.length }, () => '---').join(' | ')} |`);
  }
  return lines;
}

/** A charset declared by `<meta charset>` or `http-equiv` in the first 1024 bytes, when not UTF-8 and known. */
function declaredCharset(raw: Uint8Array): string | null {
  const head = Buffer.from(raw.subarray(0, 1024)).toString('latin1');
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label || label === 'utf-8' || label === 'utf8') return null;
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

function decodeHtml(raw: Uint8Array, file: string): string {
  const charset = declaredCharset(raw);
  return charset === null || charset === 'utf-8' ? decodeUtf8(raw, file) : new TextDecoder(charset).decode(raw);
}

function metadataOf(root: HTMLElement, file: string) {
  const data: Record<string, unknown> = {};
  for (const meta of root.querySelectorAll('meta')) {
    const name = (meta.getAttribute('name') ?? '').trim().toLowerCase();
    const content = meta.getAttribute('content');
    if (content === undefined || !(META_FIELDS as readonly string[]).includes(name)) continue;
    // A whole number's text is read as the priority by the schema, as a quoted one in front matter.
    data[name] = content.trim();
  }
  return validateDocumentMetadata(data, file, 'métadonnées HTML (<meta>)');
}

function bodyText(from: HTMLElement, insideContent: boolean): string {
  const writer = new BlockWriter();
  walk(from, writer, insideContent);
  writer.flush();
  return writer.blocks.join('\n\n');
}

/**
 * The page's <main> when it has text (everything around it is the site's), else its <body> without
 * the chrome, else (a page whose text is all in a <header> or an <aside>) its whole <body>.
 */
function contentOf(root: HTMLElement): string {
  const main = root.querySelectorAll('main, [role="main"]').find((element) => !element.hasAttribute('hidden'));
  const mainText = main === undefined ? '' : bodyText(main, true);
  if (mainText.trim() !== '') return mainText;
  const body = root.querySelector('body') ?? root;
  const withoutChrome = bodyText(body, false);
  return withoutChrome.trim() !== '' ? withoutChrome : bodyText(body, true);
}

export const htmlReader: DocumentReader = {
  fileType: 'html',
  extensions: ['.html', '.htm', '.xhtml'],
  // 2: the page's chrome (header, footer, aside, cookie banners) outside <main>/<article> is dropped.
  // 3: a consent banner is named by a whole id or class (v2 dropped texts about cookies); a page all chrome is read whole.
  // 4: a table is read as a Markdown table (header separator, empty cells kept).
  version: 4,
  async read(raw, file) {
    const source = decodeHtml(raw, file);
    let root: HTMLElement;
    try {
      root = parse(source, { comment: false, lowerCaseTagName: true, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
    } catch (error) {
      throw new KnowledgeFileError(file, `HTML illisible : ${(error as Error).message}`, error);
    }
    const metadata = metadataOf(root, file);
    const body = contentOf(root);
    assertNotEmpty(body, file);

    const pageTitle = inlineText(root.querySelector('title')?.text ?? '');
    const firstHeading = inlineText(root.querySelector('h1')?.text ?? '');
    let title = pageTitle || firstHeading || titleFromFileName(file);
    if (firstHeading !== '' && pageTitle !== '' && pageTitle.toLowerCase().includes(firstHeading.toLowerCase())) title = firstHeading;
    return {
      fileType: 'html',
      title,
      agentOwner: metadata.agent_owner ?? null,
      tags: metadata.tags ?? [],
      category: metadata.category || null,
      priority: metadata.priority ?? DEFAULT_PRIORITY,
      body,
    };
  },
};
