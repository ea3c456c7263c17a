/**
 * Writes a small valid PDF 1.4 in memory for tests (no binary fixture): one page per entry of
 * `pages`, each a list of text lines set in Helvetica with WinAnsiEncoding (French accents are
 * Latin-1 bytes), an optional /Title in the document information dictionary (UTF-16BE), and a
 * correct cross-reference table.
 */
export type MinimalPdfLine = string | { text: string; fontSize: number };

export interface MinimalPdfOptions {
  title?: string;
  pages: ReadonlyArray<readonly MinimalPdfLine[]>;
}

function lineOperations(line: MinimalPdfLine): string {
  const { text, fontSize } = typeof line === 'string' ? { text: line, fontSize: 12 } : line;
  // Move down by 1.2 x the font size, then show the text.
  return `/F1 ${fontSize} Tf 0 -${(fontSize * 1.2).toFixed(1)} Td (${escapePdfString(text)}) Tj`;
}

function escapePdfString(text: string): string {
  return text.replace(/[\\()]/g, (character) => `\\${character}`);
}

function utf16HexString(text: string): string {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index += 1) hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

export function buildMinimalPdf(options: MinimalPdfOptions): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) as number; // object number = position (1-based)
  const catalog = add('');
  const pagesObject = add('');
  const font = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageNumbers: number[] = [];
  for (const lines of options.pages) {
    const operations = ['BT', '72 740 Td', ...lines.map(lineOperations), 'ET'].join('\n');
    const length = Buffer.byteLength(operations, 'latin1');
    const content = add(`<< /Length ${length} >>\nstream\n${operations}\nendstream`);
    pageNumbers.push(
      add(`<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`),
    );
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`;
  objects[pagesObject - 1] = `<< /Type /Pages /Kids [${pageNumbers.map((page) => `${page} 0 R`).join(' ')}] /Count ${pageNumbers.length} >>`;
  const info = options.title === undefined ? null : add(`<< /Title ${utf16HexString(options.title)} /Producer (lac tests) >>`);

  let output = '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(output, 'latin1'));
    output += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(output, 'latin1');
  output += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) output += `${String(offset).padStart(10, '0')} 00000 n \n`;
  output += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R${info === null ? '' : ` /Info ${info} 0 R`} >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(output, 'latin1');
}
