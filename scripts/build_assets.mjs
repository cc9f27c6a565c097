// Copies the browser files of the npm packages we use into build/static/vendor/, served by Django's
// staticfiles. Nothing from node_modules is committed; `make setup` runs this after `npm ci`.
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = join(root, "build", "static", "vendor");

// [package file, destination under vendor/]
const FILES = [
  ["htmx.org/dist/htmx.min.js", "htmx/htmx.min.js"],
  ["leaflet/dist/leaflet.js", "leaflet/leaflet.js"],
  ["leaflet/dist/leaflet.css", "leaflet/leaflet.css"],
  ["leaflet/dist/images", "leaflet/images"],
  ["supercluster/dist/supercluster.min.js", "supercluster/supercluster.min.js"],
];

rmSync(out, { recursive: true, force: true });
for (const [source, destination] of FILES) {
  const target = join(out, destination);
  mkdirSync(dirname(target), { recursive: true });
  cpSync(join(root, "node_modules", source), target, { recursive: true });
}
console.log(`Copied ${FILES.length} front-end files to ${out}`);
