/**
 * Reading printed pages as pictures: a PDF page rendered by poppler's pdftoppm to a PNG,
 * decoded here (zlib and the five PNG row filters; no image library), and the marks the campaign
 * tests look for — dark runs along a row or a column (crop marks) and the first long horizontal rule
 * in a region (a card's head rule), all in millimetres from the page's top left corner.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

export interface Gray {
  width: number;
  height: number;
  /** one byte a pixel, 0 black … 255 white, row after row */
  pixels: Uint8Array;
  /** pixels per millimetre */
  scale: number;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** channels per pixel of the 8-bit PNG colour types: grey, RGB, grey + alpha, RGBA */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/** An 8-bit, non-interlaced PNG (what pdftoppm writes: grey or RGB), as grey values (the darkest channel). */
export function readGrayPng(file: string, dpi: number): Gray {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x89504e47) throw new Error(`${file}: not a PNG`);
  let offset = 8;
  let width = 0;
  let height = 0;
  let bpp = 1;
  const data: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || CHANNELS[colour as number] === undefined) throw new Error(`${file}: expected an 8-bit PNG without interlace`);
      bpp = CHANNELS[colour as number] as number;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * bpp;
  const line = new Uint8Array(stride);
  const previous = new Uint8Array(stride);
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const filter = raw[start] as number;
    for (let i = 0; i < stride; i++) {
      const value = raw[start + 1 + i] as number;
      const left = i >= bpp ? (line[i - bpp] as number) : 0;
      const up = previous[i] as number;
      const upLeft = i >= bpp ? (previous[i - bpp] as number) : 0;
      const predicted = filter === 0 ? 0 : filter === 1 ? left : filter === 2 ? up : filter === 3 ? (left + up) >> 1 : paeth(left, up, upLeft);
      line[i] = (value + predicted) & 0xff;
    }
    for (let x = 0; x < width; x++) {
      let darkest = 255;
      for (let c = 0; c < Math.min(bpp, 3); c++) darkest = Math.min(darkest, line[x * bpp + c] as number);
      pixels[y * width + x] = bpp === 2 ? (line[x * 2] as number) : darkest;
    }
    previous.set(line);
  }
  return { width, height, pixels, scale: dpi / 25.4 };
}

/** Renders pages of a PDF to grey PNGs (`<prefix>-<n>.png`, n padded as pdftoppm pads it) and reads them. */
export function renderPages(pdf: string, prefix: string, dpi: number): Gray[] {
  execFileSync('pdftoppm', ['-gray', '-png', '-r', String(dpi), pdf, prefix]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
  const digits = String(pages).length;
  return Array.from({ length: pages }, (_, i) => readGrayPng(`${prefix}-${String(i + 1).padStart(digits, '0')}.png`, dpi));
}

const DARK = 128;

const dark = (image: Gray, x: number, y: number) => (image.pixels[y * image.width + x] as number) < DARK;

/** Centres (mm) of the dark runs along the row at yMm, between x0Mm and x1Mm. */
export function runsAlongRow(image: Gray, yMm: number, x0Mm = 0, x1Mm = image.width / image.scale): number[] {
  const y = Math.round(yMm * image.scale);
  const centres: number[] = [];
  let start = -1;
  const end = Math.min(image.width, Math.round(x1Mm * image.scale));
  for (let x = Math.round(x0Mm * image.scale); x <= end; x++) {
    const isDark = x < end && dark(image, x, y);
    if (isDark && start < 0) start = x;
    if (!isDark && start >= 0) {
      centres.push((start + x) / 2 / image.scale);
      start = -1;
    }
  }
  return centres;
}

/** Centres (mm) of the dark runs along the column at xMm, between y0Mm and y1Mm. */
export function runsAlongColumn(image: Gray, xMm: number, y0Mm = 0, y1Mm = image.height / image.scale): number[] {
  const x = Math.round(xMm * image.scale);
  const centres: number[] = [];
  let start = -1;
  const end = Math.min(image.height, Math.round(y1Mm * image.scale));
  for (let y = Math.round(y0Mm * image.scale); y <= end; y++) {
    const isDark = y < end && dark(image, x, y);
    if (isDark && start < 0) start = y;
    if (!isDark && start >= 0) {
      centres.push((start + y) / 2 / image.scale);
      start = -1;
    }
  }
  return centres;
}

export interface Rule {
  /** the rule's ends and the middle of its thickness, mm */
  left: number;
  right: number;
  y: number;
}

/**
 * The first horizontal rule at least minLengthMm long in the region, from the top: the longest dark
 * run of each row; consecutive rows with such a run are one rule (its thickness).
 */
export function firstRule(image: Gray, region: { x: number; y: number; width: number; height: number }, minLengthMm: number): Rule | null {
  const x0 = Math.max(0, Math.round(region.x * image.scale));
  const x1 = Math.min(image.width, Math.round((region.x + region.width) * image.scale));
  const y0 = Math.max(0, Math.round(region.y * image.scale));
  const y1 = Math.min(image.height, Math.round((region.y + region.height) * image.scale));
  const min = minLengthMm * image.scale;
  let rows: { y: number; left: number; right: number }[] = [];
  for (let y = y0; y < y1; y++) {
    let best = { left: 0, right: -1 };
    let start = -1;
    for (let x = x0; x <= x1; x++) {
      const isDark = x < x1 && dark(image, x, y);
      if (isDark && start < 0) start = x;
      if (!isDark && start >= 0) {
        if (x - 1 - start > best.right - best.left) best = { left: start, right: x - 1 };
        start = -1;
      }
    }
    if (best.right - best.left + 1 >= min) rows.push({ y, ...best });
    else if (rows.length > 0) break;
  }
  if (rows.length === 0) return null;
  rows = rows.slice(0, 20);
  const mid = (rows[0]!.y + rows[rows.length - 1]!.y) / 2;
  const left = Math.min(...rows.map((r) => r.left));
  const right = Math.max(...rows.map((r) => r.right));
  // pixel centres: the run from left to right covers (left … right + 1) in page units
  return { left: left / image.scale, right: (right + 1) / image.scale, y: (mid + 0.5) / image.scale };
}
