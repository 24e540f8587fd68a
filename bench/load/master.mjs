// A 20-page master like a short handbook: US Letter text pages, each content stream Flate-compressed,
// Helvetica from the standard fonts, a classic cross-reference table. Generated so nothing large is committed.
import { deflateSync } from 'node:zlib';

const words = ('the bus carries frames between controllers and every node hears each frame while arbitration '
  + 'decides who speaks next a recessive bit yields to a dominant one so the highest priority identifier wins').split(' ');

function pageText(page) {
  const lines = [];
  for (let line = 0; line < 46; line++) {
    const picked = [];
    for (let w = 0; w < 13; w++) picked.push(words[(page * 31 + line * 7 + w * 3) % words.length]);
    lines.push(picked.join(' '));
  }
  const body = lines.map((text, i) => `${i === 0 ? '' : '0 -14 Td '}(${text}) Tj`).join('\n');
  return `BT /F1 18 Tf 72 740 Td (Chapter ${page + 1}) Tj ET\nBT /F1 10 Tf 72 712 Td\n${body}\nET\n`;
}

export function twentyPageMaster(pages = 20) {
  const objects = [];
  const add = (body) => { objects.push(body); return objects.length; };
  const catalog = add(null);
  const tree = add(null);
  const font = add(Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'));
  const kids = [];
  for (let p = 0; p < pages; p++) {
    const data = deflateSync(Buffer.from(pageText(p), 'latin1'));
    const content = add(Buffer.concat([Buffer.from(`<< /Length ${data.length} /Filter /FlateDecode >>\nstream\n`), data, Buffer.from('\nendstream')]));
    kids.push(add(Buffer.from(`<< /Type /Page /Parent ${tree} 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 ${font} 0 R >> >> /Contents ${content} 0 R >>`)));
  }
  objects[catalog - 1] = Buffer.from(`<< /Type /Catalog /Pages ${tree} 0 R >>`);
  objects[tree - 1] = Buffer.from(`<< /Type /Pages /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] /Count ${pages} >>`);

  const parts = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const chunk = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
    `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${offset}\n%%EOF\n`].join('');
  parts.push(Buffer.from(xref));
  return Buffer.concat(parts);
}
