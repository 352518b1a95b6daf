// Draws the Regulars icon and writes build/icon.png (512), build/icon.ico and build/icon.icns with
// Node built-ins only: `node scripts/make-icons.mjs`. The mark is a counter-clockwise arrow around a
// person, a customer coming back (回头客), in white on a warm terracotta tile.
//
// Each size is rendered on its own from signed distance functions, not scaled down from one big
// bitmap, so the 16 and 32 px icons Windows shows in the taskbar stay crisp.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const TOP = [214, 104, 66]; // tile gradient, top
const BOTTOM = [168, 62, 38]; // tile gradient, bottom

// Signed distances (negative inside), in units of the icon's width.
const box = (px, py, half, r) => {
  const qx = Math.abs(px) - half + r;
  const qy = Math.abs(py) - half + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (px, py, cx, cy, r) => Math.hypot(px - cx, py - cy) - r;
function triangle(px, py, pts) {
  // Distance to the nearest edge; inside when the point is on the same side of all three edges.
  let d = Infinity;
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < 3; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % 3];
    const ex = bx - ax;
    const ey = by - ay;
    const wx = px - ax;
    const wy = py - ay;
    const t = Math.min(1, Math.max(0, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    d = Math.min(d, Math.hypot(wx - ex * t, wy - ey * t));
    const cross = ex * wy - ey * wx;
    if (cross > 0) pos++;
    else if (cross < 0) neg++;
  }
  return pos > 0 && neg > 0 ? d : -d;
}

// The arrow: a ring from the tail (upper left) round the bottom to the head (upper right), open
// at the top, drawn counter-clockwise on screen.
const R = 0.285;
const W = 0.075;
const TAIL = (-120 * Math.PI) / 180;
const HEAD = (-55 * Math.PI) / 180;
const at = (a, r = R) => [r * Math.cos(a), r * Math.sin(a)];
// Arrowhead: an isosceles triangle whose base crosses the ring at HEAD and whose tip points along
// the ring's tangent, counter-clockwise, towards the gap.
const [hx, hy] = at(HEAD);
const [nx, ny] = [Math.cos(HEAD), Math.sin(HEAD)]; // outward normal
const [dx, dy] = [Math.sin(HEAD), -Math.cos(HEAD)]; // tangent, counter-clockwise on screen
const HALF = W * 1.25;
const LENGTH = W * 2.5;
const head = [
  [hx + nx * HALF, hy + ny * HALF],
  [hx - nx * HALF, hy - ny * HALF],
  [hx + dx * LENGTH, hy + dy * LENGTH],
];

function ring(px, py) {
  const a = Math.atan2(py, px);
  // Outside the open gap at the top: distance to the ring itself. It runs a little past HEAD so
  // its square end lies inside the arrowhead, leaving no anti-aliased seam along the base.
  if (a <= TAIL || a >= HEAD - 0.05) return Math.abs(Math.hypot(px, py) - R) - W / 2;
  // In the gap only the tail's round cap remains.
  const [tx, ty] = at(TAIL);
  return Math.hypot(px - tx, py - ty) - W / 2;
}

function person(px, py) {
  const headD = circle(px, py, 0, -0.085, 0.068);
  // Shoulders: the top of a disc, cut flat underneath.
  const body = Math.max(circle(px, py, 0, 0.14, 0.13), py - 0.12);
  return Math.min(headD, body);
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  // Small icons get a thicker relative stroke, else the ring fades to a grey hairline.
  const grow = size <= 32 ? 0.012 : 0;
  const px1 = 1 / size; // one pixel, in icon units
  const cover = (d) => Math.min(1, Math.max(0, 0.5 - d / px1));
  // macOS-style margins (the tile fills 82% of the canvas) for large icons; taskbar-sized ones
  // fill almost all of it, as Windows and Linux icons do.
  const half = size <= 48 ? 0.48 : 0.41;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = (x + 0.5) / size - 0.5;
      const v = (y + 0.5) / size - 0.5;
      const tile = cover(box(u, v, half, 0.09));
      if (tile === 0) continue;
      const mark = cover(Math.min(ring(u, v), triangle(u, v, head), person(u, v)) - grow);
      const g = (v + half) / (2 * half);
      const i = (y * size + x) * 4;
      for (let k = 0; k < 3; k++) {
        const bg = TOP[k] + (BOTTOM[k] - TOP[k]) * Math.min(1, Math.max(0, g));
        rgba[i + k] = Math.round(bg + (255 - bg) * mark);
      }
      rgba[i + 3] = Math.round(255 * tile);
    }
  }
  return rgba;
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function pngChunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size) {
  const rgba = render(size);
  const raw = Buffer.alloc((size * 4 + 1) * size); // filter byte 0 before each row
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ICO entries below 256 px are classic 32-bit bitmaps: every Windows version and NSIS read those,
// while PNG inside ICO is only safe for the 256 px entry.
function bmp(size) {
  const rgba = render(size);
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows plus the AND mask's rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4; // bottom-up, BGRA
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  const mask = Buffer.alloc(Math.ceil(size / 32) * 4 * size); // all zero: alpha decides
  return Buffer.concat([header, pixels, mask]);
}
function ico(sizes) {
  const images = sizes.map((s) => (s >= 256 ? png(s) : bmp(s)));
  const dir = Buffer.alloc(6 + 16 * sizes.length);
  dir.writeUInt16LE(1, 2); // type: icon
  dir.writeUInt16LE(sizes.length, 4);
  let offset = dir.length;
  sizes.forEach((s, i) => {
    const e = 6 + 16 * i;
    dir.writeUInt8(s >= 256 ? 0 : s, e); // 0 means 256
    dir.writeUInt8(s >= 256 ? 0 : s, e + 1);
    dir.writeUInt16LE(1, e + 4); // colour planes
    dir.writeUInt16LE(32, e + 6); // bits per pixel
    dir.writeUInt32LE(images[i].length, e + 8);
    dir.writeUInt32LE(offset, e + 12);
    offset += images[i].length;
  });
  return Buffer.concat([dir, ...images]);
}

// ICNS with PNG payloads; the type codes name the pixel size (ic11-ic14 are the @2x variants).
function icns() {
  const types = [
    ['ic11', 32],
    ['ic12', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic13', 256],
    ['ic09', 512],
    ['ic14', 512],
    ['ic10', 1024],
  ];
  const cache = new Map();
  const chunks = types.map(([type, size]) => {
    if (!cache.has(size)) cache.set(size, png(size));
    const data = cache.get(size);
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(chunks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

mkdirSync('build', { recursive: true });
writeFileSync('build/icon.png', png(512));
writeFileSync('build/icon.ico', ico([16, 24, 32, 48, 64, 128, 256]));
writeFileSync('build/icon.icns', icns());
console.log('wrote build/icon.png, build/icon.ico, build/icon.icns');
