import PDFDocument from 'pdfkit';
import { documentFonts, printable, type FontName } from './fonts';
import { compressStreamsOnce } from './stream-compression';

const CM = 72 / 2.54;
/** A4, with the margins of Indonesian official letters (tata naskah dinas): 2.5 cm left, 2 cm right and top; the footer sits in the 2.5 cm bottom margin. */
const PAGE = { size: 'A4', margins: { top: 2 * CM, left: 2.5 * CM, right: 2 * CM, bottom: 2.5 * CM } } as const;

export const BODY_SIZE = 10;
const LINE_GAP = 1.5;
const CELL_PAD = 4;

/** Metadata of the PDF (the Info dictionary). */
export interface PdfInfo {
  title: string;
  subject: string;
  author: string;
  keywords: string;
  /** The PDF's CreationDate: the time of the event the document records, never the clock. */
  createdAt: Date;
}

export interface TextStyle {
  font?: FontName;
  size?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  underline?: boolean;
  /** Space after the block, in points. */
  gapAfter?: number;
}

export interface Column {
  header: string;
  /** A share of the text width; the shares of a table add up to 1. */
  share: number;
  align?: 'left' | 'center' | 'right';
}

export type Cell = string | { text: string; font: FontName };

/** One labelled line of a field table, a list or a decree's dictum: `label` `separator` `value`, the value wrapping and flowing across pages. */
export interface LabelledLine {
  label: string;
  value: string;
  labelFont?: FontName;
  valueFont?: FontName;
}

/** Layout primitives of an official document over pdfkit: every text passes {@link printable} for the font it is drawn in. */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;
  private pages = 0;

  constructor(info: PdfInfo) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true, // the footer's "Halaman n dari m" needs m
      compress: true,
      // PDF 1.3, pdfkit's default: no XMP metadata stream (which pdfkit writes unescaped).
      // No standard font: everything is drawn in the embedded DejaVu fonts.
      font: null as unknown as string,
      info: { Title: info.title, Subject: info.subject, Author: info.author, Keywords: info.keywords, Creator: 'Pengaduan (@pengaduan/documents)', CreationDate: info.createdAt },
    });
    compressStreamsOnce(this.doc);
    for (const [name, font] of Object.entries(documentFonts())) this.doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.on('pageAdded', () => this.pages++);
    this.doc.addPage(PAGE);
    this.use('sans', BODY_SIZE);
  }

  get left(): number {
    return PAGE.margins.left;
  }
  get width(): number {
    return this.doc.page.width - PAGE.margins.left - PAGE.margins.right;
  }
  private get maxY(): number {
    return this.doc.page.height - PAGE.margins.bottom;
  }
  get y(): number {
    return this.doc.y;
  }
  get pageCount(): number {
    return this.pages;
  }

  private use(font: FontName, size: number): void {
    this.doc.font(font).fontSize(size);
  }

  private print(text: string, font: FontName): string {
    return printable(text, documentFonts()[font]);
  }

  /** Height of `text` in `font` at `size` within `width`. */
  private measure(text: string, font: FontName, size: number, width: number): number {
    this.use(font, size);
    return this.doc.heightOfString(this.print(text, font) || ' ', { width, lineGap: LINE_GAP });
  }

  lineHeight(size = BODY_SIZE): number {
    this.use('sans', size);
    return this.doc.currentLineHeight(true) + LINE_GAP;
  }

  newPage(): void {
    this.doc.addPage(PAGE);
    this.doc.x = this.left;
  }

  /** Starts a new page unless `height` points fit below the current position. */
  keep(height: number): void {
    if (this.doc.y + height > this.maxY) this.newPage();
  }

  space(points: number): void {
    this.doc.y = Math.min(this.doc.y + points, this.maxY);
  }

  /** A block of text over the full width (or at `x` with `width`), flowing onto new pages. */
  text(text: string, style: TextStyle = {}, at: { x?: number; width?: number } = {}): void {
    const font = style.font ?? 'sans';
    const size = style.size ?? BODY_SIZE;
    this.keep(this.lineHeight(size));
    this.use(font, size);
    const printed = this.print(text, font) || '—';
    this.doc.text(printed, at.x ?? this.left, this.doc.y, { width: at.width ?? this.width, align: style.align ?? 'left', underline: style.underline ?? false, lineGap: LINE_GAP });
    this.doc.x = this.left;
    if (style.gapAfter) this.space(style.gapAfter);
  }

  /** A bold heading kept with at least two lines of what follows. */
  heading(text: string): void {
    this.keep(this.lineHeight() * 4);
    this.space(4);
    this.text(text, { font: 'sans-bold', gapAfter: 3 });
  }

  /**
   * Lines of `label  separator  value`, the label column `labelWidth` points wide: a field table
   * ("Nomor Pelacakan : BLP-2026-000123"), a numbered list ("1." …) or a decree's dictum ("KESATU :" …).
   */
  labelled(lines: readonly LabelledLine[], options: { labelWidth: number; separator?: string; indent?: number; gapAfter?: number; rowGap?: number }): void {
    const indent = options.indent ?? 0;
    const sepWidth = options.separator ? 10 : 0;
    const valueX = this.left + indent + options.labelWidth + sepWidth;
    const valueWidth = this.width - indent - options.labelWidth - sepWidth;
    for (const line of lines) {
      const labelFont = line.labelFont ?? 'sans';
      const valueFont = line.valueFont ?? 'sans';
      this.keep(this.lineHeight() + 1);
      const y0 = this.doc.y;
      const page0 = this.pages;
      this.use(labelFont, BODY_SIZE);
      this.doc.text(this.print(line.label, labelFont), this.left + indent, y0, { width: options.labelWidth - 2, lineGap: LINE_GAP });
      const labelEnd = this.doc.y;
      if (options.separator) {
        this.use('sans', BODY_SIZE);
        this.doc.text(options.separator, this.left + indent + options.labelWidth, y0, { width: sepWidth, lineGap: LINE_GAP });
      }
      this.use(valueFont, BODY_SIZE);
      this.doc.text(this.print(line.value, valueFont) || '—', valueX, y0, { width: valueWidth, lineGap: LINE_GAP });
      this.doc.y = this.pages === page0 ? Math.max(labelEnd, this.doc.y) : this.doc.y;
      this.doc.x = this.left;
      if (options.rowGap) this.space(options.rowGap);
    }
    if (options.gapAfter) this.space(options.gapAfter);
  }

  /** The letterhead (kop surat): ministry, parent units and office (in capitals already, libs/sop `letterheadLines`), the contact line, a double rule. */
  letterhead(lines: { ministry: string; parentUnits: readonly string[]; office: string; contact: string }): void {
    this.text(lines.ministry, { font: 'serif-bold', size: 12, align: 'center' });
    for (const unit of lines.parentUnits) this.text(unit, { font: 'serif-bold', size: 10.5, align: 'center' });
    this.text(lines.office, { font: 'serif-bold', size: 13.5, align: 'center' });
    if (lines.contact) this.text(lines.contact, { size: 8, align: 'center' });
    const y = this.doc.y + 4;
    const right = this.left + this.width;
    this.doc.save().lineWidth(2).moveTo(this.left, y).lineTo(right, y).stroke();
    this.doc.lineWidth(0.6).moveTo(this.left, y + 3).lineTo(right, y + 3).stroke().restore();
    this.doc.y = y + 3;
    this.space(14);
  }

  /**
   * `label  separator` once, then `items` as labelled lines beside it (a decree's "Menimbang : a. …
   * b. …"), the label on the same line as the first item.
   */
  labelledBlock(label: string, items: readonly LabelledLine[], options: { labelWidth: number; itemLabelWidth: number; separator?: string; gapAfter?: number; rowGap?: number }): void {
    const sepWidth = options.separator ? 10 : 0;
    this.keep(this.lineHeight() * 2);
    const y0 = this.doc.y;
    this.use('sans', BODY_SIZE);
    this.doc.text(this.print(label, 'sans'), this.left, y0, { width: options.labelWidth - 2, lineGap: LINE_GAP });
    if (options.separator) this.doc.text(options.separator, this.left + options.labelWidth, y0, { width: sepWidth, lineGap: LINE_GAP });
    this.doc.y = y0;
    this.labelled(items, { labelWidth: options.itemLabelWidth, indent: options.labelWidth + sepWidth, gapAfter: options.gapAfter, rowGap: options.rowGap });
  }

  /** A bordered table; the header row repeats on every page, a row never splits, a row taller than a page is written as labelled lines instead. */
  table(columns: readonly Column[], rows: readonly (readonly Cell[])[], options: { gapAfter?: number; size?: number } = {}): void {
    const size = options.size ?? BODY_SIZE;
    const widths = columns.map((c) => c.share * this.width);
    const cellOf = (c: Cell) => (typeof c === 'string' ? { text: c, font: 'sans' as FontName } : c);
    const rowHeight = (cells: readonly { text: string; font: FontName }[]) =>
      Math.max(...cells.map((c, i) => this.measure(c.text, c.font, size, widths[i] - 2 * CELL_PAD))) + 2 * CELL_PAD;
    const header = columns.map((c) => ({ text: c.header, font: 'sans-bold' as FontName }));
    const headerHeight = rowHeight(header);
    const pageRoom = this.maxY - PAGE.margins.top - headerHeight - 2;

    const drawRow = (cells: readonly { text: string; font: FontName }[], height: number, shaded: boolean) => {
      let x = this.left;
      const y = this.doc.y;
      cells.forEach((cell, i) => {
        // pdfkit keeps the fill colour outside the PDF graphics state (underlines use it): set it back.
        if (shaded) this.doc.save().rect(x, y, widths[i], height).fill('#e6e6e6').restore().fillColor('black');
        this.doc.save().lineWidth(0.6).rect(x, y, widths[i], height).stroke().restore();
        this.use(cell.font, size);
        this.doc.text(this.print(cell.text, cell.font) || ' ', x + CELL_PAD, y + CELL_PAD, { width: widths[i] - 2 * CELL_PAD, align: columns[i].align ?? 'left', lineGap: LINE_GAP });
        x += widths[i];
      });
      this.doc.x = this.left;
      this.doc.y = y + height;
    };

    // The header is drawn above the first row of every page (and after a row written as lines).
    let headerPending = true;
    for (const row of rows) {
      const cells = row.map(cellOf);
      const height = rowHeight(cells);
      if (height > pageRoom) {
        // Too tall for any page: the row as labelled lines, so nothing is cut.
        this.space(4);
        this.labelled(cells.map((c, i) => ({ label: columns[i].header, value: c.text, labelFont: 'sans-bold', valueFont: c.font })), { labelWidth: 0.25 * this.width, separator: ':' });
        this.space(4);
        headerPending = true;
        continue;
      }
      if (this.doc.y + (headerPending ? headerHeight : 0) + height + 2 > this.maxY) {
        this.newPage();
        headerPending = true;
      }
      if (headerPending) {
        drawRow(header, headerHeight, true);
        headerPending = false;
      }
      drawRow(cells, height, false);
    }
    if (options.gapAfter) this.space(options.gapAfter);
  }

  /** The signature block in the right half: the place-and-date lines, the position, room to sign, the name (bold, underlined) and NIP; kept on one page. */
  signature(block: { before: readonly string[]; position: string; name?: string; nip?: string | null }): void {
    const x = this.left + this.width * 0.5;
    const width = this.width * 0.5;
    const lines: { text: string; font: FontName; underline?: boolean }[] = [
      ...block.before.map((text) => ({ text, font: 'sans' as FontName })),
      { text: block.position, font: 'sans' },
    ];
    const signed = block.name !== undefined;
    const tail: { text: string; font: FontName; underline?: boolean }[] = [
      signed ? { text: block.name as string, font: 'sans-bold', underline: true } : { text: '(..............................)', font: 'sans' },
    ];
    if (!signed) tail.push({ text: 'NIP. ....................', font: 'sans' });
    else if (block.nip) tail.push({ text: `NIP. ${block.nip}`, font: 'sans' });
    const room = 56;
    const height = [...lines, ...tail].reduce((h, l) => h + this.measure(l.text, l.font, BODY_SIZE, width), 0) + room + 16;
    this.space(16);
    this.keep(height);
    for (const l of lines) this.text(l.text, { font: l.font }, { x, width });
    this.space(room);
    for (const l of tail) this.text(l.text, { font: l.font, underline: l.underline ?? false }, { x, width });
  }

  /** Writes the footer of every page, with its number and the page count, then ends the PDF. */
  async finish(footer: (page: number, of: number) => { left: string; right: string }): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const { left, right } = footer(i - start + 1, count);
      const y = this.doc.page.height - PAGE.margins.bottom + 16;
      // The footer lies in the bottom margin; with the margin in force pdfkit would start a new page.
      const bottom = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.save().lineWidth(0.4).strokeColor('#777777').moveTo(this.left, y - 4).lineTo(this.left + this.width, y - 4).stroke().restore();
      this.use('sans', 7.5);
      this.doc.fillColor('#444444');
      this.doc.text(this.print(left, 'sans'), this.left, y, { width: this.width * 0.75, lineGap: 1 });
      this.doc.text(this.print(right, 'sans'), this.left + this.width * 0.75, y, { width: this.width * 0.25, align: 'right', lineGap: 1 });
      this.doc.fillColor('black');
      this.doc.page.margins.bottom = bottom;
    }
    this.doc.end();
    return this.done;
  }
}
