// Draws the add-in's icons (assets/icon-16.png … icon-128.png): three bars of different heights
// on a rounded teal square — one amount split between partners. Run: node scripts/make-icons.js
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw.set(pixel(x, y), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const TEAL = [0, 120, 110, 255];
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];
const bars = [0.55, 0.8, 0.4]; // heights as fractions of the inner area

for (const size of [16, 32, 64, 80, 128]) {
  const r = Math.max(2, Math.round(size * 0.18));
  const pad = Math.round(size * 0.2);
  const inner = size - 2 * pad;
  const gap = Math.max(1, Math.round(inner * 0.1));
  const barW = (inner - 2 * gap) / 3;
  const image = png(size, (x, y) => {
    // Rounded corners: outside the corner circle is transparent.
    const cx = x < r ? r : x >= size - r ? size - r - 1 : x;
    const cy = y < r ? r : y >= size - r ? size - r - 1 : y;
    if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return CLEAR;
    const i = Math.floor((x - pad) / (barW + gap));
    const within = x >= pad && x < size - pad && i >= 0 && i < 3 && x - pad - i * (barW + gap) < barW;
    const top = size - pad - Math.round(inner * (bars[i] ?? 0));
    return within && y >= top && y < size - pad ? WHITE : TEAL;
  });
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), image);
}
console.log("wrote assets/icon-{16,32,64,80,128}.png");
