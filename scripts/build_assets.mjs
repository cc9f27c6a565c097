// Copies the browser files of the npm packages we use into build/static/vendor/, served by Django's
// staticfiles. Nothing from node_modules is committed; `make setup` runs this after `npm ci`.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static", "vendor");

// [package file, destination under vendor/]
const FILES = [
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  // leaflet.js ends with `sourceMappingURL=leaflet.js.map`: collectstatic's manifest storage rewrites that
  // reference and stops when the file is missing.
  ["leaflet/dist/leaflet.js.map", "leaflet/leaflet.js.map"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["supercluster/dist/supercluster.min.js", "supercluster/supercluster.min.js"],
  // The timeline of the civic internet (/histoire/): vis-timeline's "peer" build, whose styles come from its CSS
  // file (the standalone build injects a <style> element, which the CSP forbids), with its peers moment and vis-data.
  ["moment/min/moment.min.js", "vis-timeline/moment.min.js"],
  ["moment/min/moment.min.js.map", "vis-timeline/moment.min.js.map"],
  ["moment/locale/fr.js", "vis-timeline/moment-fr.js"],
  ["vis-data/peer/umd/vis-data.min.js", "vis-timeline/vis-data.min.js"],
  ["vis-data/peer/umd/vis-data.min.js.map", "vis-timeline/vis-data.min.js.map"],
  ["vis-timeline/peer/umd/vis-timeline-graph2d.min.js", "vis-timeline/vis-timeline-graph2d.min.js"],
  ["vis-timeline/peer/umd/vis-timeline-graph2d.min.js.map", "vis-timeline/vis-timeline-graph2d.min.js.map"],
  ["vis-timeline/styles/vis-timeline-graph2d.min.css", "vis-timeline/vis-timeline-graph2d.min.css"],
  ["vis-timeline/styles/vis-timeline-graph2d.min.css.map", "vis-timeline/vis-timeline-graph2d.min.css.map"],
];

rmSync(out, { recursive: true, force: true });
for (const [source, destination] of FILES) {
  const target = join(out, destination);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", source), target, { recursive: true });
}
// Fail here, not at collectstatic in production, when a copied script points to a source map left behind.
for (const [, destination] of FILES) {
  if (!/\.(js|css)$/.test(destination)) continue;
  const target = join(out, destination);
  const reference = readFileSync(target, "utf8").match(/[#@] sourceMappingURL=(\S+)/);
  if (reference && !existsSync(join(dirname(target), reference[1]))) {
    throw new Error(`${destination} refers to ${reference[1]}, which is not copied: add it to FILES`);
  }
}
console.log(`Copied ${FILES.length} front-end files to ${out}`);
