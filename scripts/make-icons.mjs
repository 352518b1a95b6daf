// Draws the Regulars icon (a warm rounded square with a white "return" arc and arrow: customers
// coming back) and writes build/icon.png, build/icon.ico and build/icon.icns with Node built-ins.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const px = Buffer.alloc(size * size * 4);
  const s = size / 1024;
  const inRoundRect = (x, y) => {
    const m = 64 * s,
      r = 200 * s,
      lo = m,
      hi = size - m;
    if (x < lo || x > hi || y < lo || y > hi) return false;
    const cx = Math.min(Math.max(x, lo + r), hi - r),
      cy = Math.min(Math.max(y, lo + r), hi - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  const c = size / 2,
    R = 270 * s,
    w = 70 * s;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let rgba = [0, 0, 0, 0];
      // 4x supersampling for smooth edges
      let cover = 0,
        white = 0;
      for (let sy = 0; sy < 2; sy++)
        for (let sx = 0; sx < 2; sx++) {
          const X = x + (sx + 0.5) / 2,
            Y = y + (sy + 0.5) / 2;
          if (!inRoundRect(X, Y)) continue;
          cover++;
          const dx = X - c,
            dy = Y - c,
            d = Math.hypot(dx, dy),
            ang = Math.atan2(dy, dx);
          // an arc of 300 degrees open at the top right, and an arrow head at its end
          const onArc = Math.abs(d - R) < w / 2 && !(ang > -Math.PI / 2 && ang < -Math.PI / 6);
          const ax = c + R * Math.cos(-Math.PI / 6),
            ay = c + R * Math.sin(-Math.PI / 6);
          const tx = X - ax,
            ty = Y - ay;
          const u = tx * Math.cos(Math.PI / 3) + ty * Math.sin(Math.PI / 3); // along the arrow
          const v = -tx * Math.sin(Math.PI / 3) + ty * Math.cos(Math.PI / 3);
          const onHead = u > -150 * s && u < 0 && Math.abs(v) < (u + 150 * s) * 0.75;
          const dot = Math.hypot(X - c, Y - c) < 70 * s;
          if (onArc || onHead || dot) white++;
        }
      if (cover) {
        const a = cover / 4,
          wf = white / Math.max(1, cover);
        rgba = [
          Math.round(180 + (255 - 180) * wf),
          Math.round(70 + (255 - 70) * wf),
          Math.round(43 + (255 - 43) * wf),
          Math.round(255 * a),
        ];
      }
      px.set(rgba, (y * size + x) * 4);
    }
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) px.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('build', { recursive: true });
const p1024 = png(1024),
  p512 = png(512),
  p256 = png(256);
writeFileSync('build/icon.png', p1024);
// ICO: one 256x256 PNG entry (Windows Vista and later read PNG inside ICO).
const dir = Buffer.alloc(6 + 16);
dir.writeUInt16LE(0, 0);
dir.writeUInt16LE(1, 2);
dir.writeUInt16LE(1, 4);
dir.writeUInt8(0, 6); // 0 = 256
dir.writeUInt8(0, 7);
dir.writeUInt16LE(1, 10);
dir.writeUInt16LE(32, 12);
dir.writeUInt32LE(p256.length, 14);
dir.writeUInt32LE(22, 18);
writeFileSync('build/icon.ico', Buffer.concat([dir, p256]));
// ICNS: PNG chunks ic09 (512) and ic10 (1024).
const icnsChunk = (type, data) => {
  const h = Buffer.alloc(8);
  h.write(type, 0, 'ascii');
  h.writeUInt32BE(data.length + 8, 4);
  return Buffer.concat([h, data]);
};
const body = Buffer.concat([icnsChunk('ic09', p512), icnsChunk('ic10', p1024)]);
const head = Buffer.alloc(8);
head.write('icns', 0, 'ascii');
head.writeUInt32BE(body.length + 8, 4);
writeFileSync('build/icon.icns', Buffer.concat([head, body]));
console.log('wrote build/icon.png, build/icon.ico, build/icon.icns');
