/**
 * Regenerates the packaging icons from build/icon.svg (the generated files are committed: they are
 * build inputs, and electron-builder would otherwise download its icon tool to convert them):
 *   build/icon.png          512×512, the general-purpose icon
 *   build/icons/NxN.png     the Linux icon set (deb and AppImage put these under hicolor/NxN/apps)
 *   build/icon.ico          the Windows icon (exe, installer, shortcuts): 16–48 px as 32-bit BMP
 *                           entries (what every Windows shell and NSIS read), 64–256 px as PNG entries
 *
 * Rendering: Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH) driven by playwright-core, which
 * draws the SVG on a canvas at each exact size (vector-sharp, no rescaling) and hands back both the PNG
 * and the raw RGBA pixels; the ICO is assembled here. No ImageMagick or librsvg needed.
 *
 *   npx tsx scripts/generate-icons.ts
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './chromium';

const ROOT = resolve(__dirname, '..');
const BUILD = join(ROOT, 'build');
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** below this size an ICO entry is stored as a BMP; PNG entries need Windows Vista or later */
const ICO_PNG_FROM = 64;

interface Rendered {
  size: number;
  png: Buffer;
  /** straight (not premultiplied) RGBA, rows top to bottom */
  rgba: Buffer;
}

/** The SVG with an explicit pixel size, so the browser rasterises it at exactly that size. */
function sizedSvg(svg: string, size: number): string {
  return svg.replace(/<svg\b([^>]*)>/, (_m, attrs: string) => {
    const rest = attrs.replace(/\s(width|height)="[^"]*"/g, '');
    return `<svg${rest} width="${size}" height="${size}">`;
  });
}

async function render(svg: string, sizes: readonly number[]): Promise<Rendered[]> {
  const profile = mkdtempSync(join(tmpdir(), 'huimin-icons-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_FLAGS],
    offline: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const results: Rendered[] = [];
    for (const size of sizes) {
      const dataUrl = `data:image/svg+xml;base64,${Buffer.from(sizedSvg(svg, size)).toString('base64')}`;
      const out = await page.evaluate(
        async ({ url, n }) => {
          const image = new Image();
          image.src = url;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = n;
          canvas.height = n;
          const g = canvas.getContext('2d');
          if (!g) throw new Error('no 2d canvas');
          g.clearRect(0, 0, n, n);
          g.drawImage(image, 0, 0, n, n);
          const pixels = g.getImageData(0, 0, n, n).data;
          let binary = '';
          for (let i = 0; i < pixels.length; i += 0x8000) binary += String.fromCharCode(...pixels.subarray(i, i + 0x8000));
          return { png: canvas.toDataURL('image/png'), rgba: btoa(binary) };
        },
        { url: dataUrl, n: size },
      );
      results.push({
        size,
        png: Buffer.from(out.png.slice(out.png.indexOf(',') + 1), 'base64'),
        rgba: Buffer.from(out.rgba, 'base64'),
      });
    }
    return results;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** A 32-bit BMP icon entry: BITMAPINFOHEADER (height doubled for the AND mask), BGRA rows bottom-up, AND mask. */
function bmpEntry({ size, rgba }: Rendered): Buffer {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // biSize
  header.writeInt32LE(size, 4); // biWidth
  header.writeInt32LE(size * 2, 8); // biHeight: XOR bitmap + AND mask
  header.writeUInt16LE(1, 12); // biPlanes
  header.writeUInt16LE(32, 14); // biBitCount
  header.writeUInt32LE(0, 16); // BI_RGB
  const xor = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      xor[to] = rgba[from + 2] as number;
      xor[to + 1] = rgba[from + 1] as number;
      xor[to + 2] = rgba[from] as number;
      xor[to + 3] = rgba[from + 3] as number;
    }
  }
  // AND mask: 1 bit per pixel, rows padded to 4 bytes; all zero (the alpha channel decides)
  const andMask = Buffer.alloc((Math.ceil(size / 32) * 4) * size);
  header.writeUInt32LE(xor.length + andMask.length, 20); // biSizeImage
  return Buffer.concat([header, xor, andMask]);
}

function ico(images: readonly Rendered[]): Buffer {
  const entries = images.map((image) => (image.size >= ICO_PNG_FROM ? image.png : bmpEntry(image)));
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // type: icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach((image, i) => {
    const at = 6 + 16 * i;
    const data = entries[i] as Buffer;
    head.writeUInt8(image.size >= 256 ? 0 : image.size, at); // 0 means 256
    head.writeUInt8(image.size >= 256 ? 0 : image.size, at + 1);
    head.writeUInt8(0, at + 2); // palette colours
    head.writeUInt8(0, at + 3);
    head.writeUInt16LE(1, at + 4); // planes
    head.writeUInt16LE(32, at + 6); // bits per pixel
    head.writeUInt32LE(data.length, at + 8);
    head.writeUInt32LE(offset, at + 12);
    offset += data.length;
  });
  return Buffer.concat([head, ...entries]);
}

async function main(): Promise<void> {
  const svg = readFileSync(join(BUILD, 'icon.svg'), 'utf8');
  const sizes = [...new Set([...LINUX_SIZES, ...ICO_SIZES])].sort((a, b) => a - b);
  const rendered = new Map((await render(svg, sizes)).map((r) => [r.size, r] as const));
  const get = (size: number): Rendered => rendered.get(size) as Rendered;

  mkdirSync(join(BUILD, 'icons'), { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(BUILD, 'icons', `${size}x${size}.png`), get(size).png);
  writeFileSync(join(BUILD, 'icon.png'), get(512).png);
  writeFileSync(join(BUILD, 'icon.ico'), ico(ICO_SIZES.map(get)));
  console.log(`build/icon.png, build/icon.ico (${ICO_SIZES.join(', ')}), build/icons/ (${LINUX_SIZES.join(', ')})`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
