// pdf-lib peer: the approach the project's seeds used. Loads each PDF, draws the same footer on every
// page with the standard Helvetica, sets a fingerprint in the Info dictionary, saves, writes the file.
// Usage: node pdflib-stamp.mjs RUNS OUT_DIR FILE...   Prints one JSON object to stdout.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

const [runsArg, outDir, ...files] = process.argv.slice(2);
const runs = Number(runsArg);
const text = 'Licensed to Priya Sharma \u00b7 priya@example.com \u00b7 Order 1042 \u00b7 Licence X0E2-3A44 \u00b7 Do not distribute';

async function stamp(file) {
  const doc = await PDFDocument.load(readFileSync(file), { ignoreEncryption: true, updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = doc.getPages();
  for (const page of pages) {
    const { width } = page.getSize();
    const size = Math.min(7.5, (width * 0.92) / font.widthOfTextAtSize(text, 1));
    page.drawText(text, { x: (width - font.widthOfTextAtSize(text, size)) / 2, y: 10, size, font, color: rgb(0.12, 0.12, 0.12) });
  }
  doc.setKeywords(['ent-bench']);
  writeFileSync(join(outDir, basename(file)), await doc.save());
  return pages.length;
}

const times = [];
let pages = 0;
const failures = new Set();
// Untimed warm-up passes first, as many as the .NET engine gets (EngineRunner.WarmUpPasses).
// With no timed passes (the peak-memory run) there is nothing to warm up: one pass in a fresh process.
const warmUpPasses = runs === 0 ? 0 : 5;
for (let run = 0; run < warmUpPasses + Math.max(runs, 1); run++) {
  const start = performance.now();
  let runPages = 0;
  for (const file of files) {
    try {
      runPages += await stamp(file);
    } catch (e) {
      failures.add(`${basename(file)}: ${String(e.message).split('\n')[0]}`);
    }
  }
  if (run >= warmUpPasses && runs > 0) times.push(performance.now() - start);
  pages = runPages;
}
// What one more stamp of each master adds to this warm process (see WarmMemory in EngineRunner.cs): collect
// first (run with --expose-gc), reset the kernel's high-water mark, read the resident size, stamp, read the
// new mark; the median of three after one thrown away, as for the engine. Not in the fresh-process peak run.
const kb = (field) => Number(readFileSync('/proc/self/status', 'utf8').match(new RegExp(`${field}:\\s+(\\d+)`))[1]);
const warm = [];
if (runs > 0) {
  let addedMb = 0;
  let ratio = 0;
  let within = 0;
  for (const file of files) {
    const samples = [];
    for (let i = 0; i < 4; i++) {
      globalThis.gc?.();
      writeFileSync('/proc/self/clear_refs', '5');
      const before = kb('VmRSS');
      try { await stamp(file); } catch { /* already reported above */ }
      if (i > 0) samples.push((kb('VmHWM') - before) / 1024);
    }
    const added = samples.sort((a, b) => a - b)[1];
    const times = added / (statSync(file).size / 1024 / 1024);
    addedMb = Math.max(addedMb, added);
    ratio = Math.max(ratio, times);
    if (times < 3) within++;
  }
  warm.push({ addedMb, ratio, within });
}
process.stdout.write(JSON.stringify({ times, pages, failures: [...failures], warm }) + '\n');
