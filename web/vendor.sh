#!/bin/sh
# Copies the dist files the page needs from web/node_modules into eventatlas/serve/static/vendor/.
# The copies are committed so a pip-installed eventatlas serves a working page without npm;
# run `npm ci && sh vendor.sh` in web/ after changing a version in package.json.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
nm="$here/node_modules"
out="$here/../eventatlas/serve/static/vendor"
if [ ! -d "$nm/leaflet" ]; then
  echo "vendor.sh: $nm/leaflet is missing: run 'npm ci' in web/ first" >&2
  exit 1
fi
rm -rf "$out"
mkdir -p "$out/leaflet" "$out/markercluster" "$out/topojson" "$out/world-atlas"
# no leaflet/dist/images: they serve L.Marker's default icon and the layers control, which the page does not use
cp "$nm/leaflet/dist/leaflet.js" "$nm/leaflet/dist/leaflet.css" "$out/leaflet/"
# licences as .txt so the package-data globs in pyproject.toml ship them in the wheel
cp "$nm/leaflet/LICENSE" "$out/leaflet/LICENSE.txt"
cp "$nm/leaflet.markercluster/dist/leaflet.markercluster.js" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.css" \
   "$nm/leaflet.markercluster/dist/MarkerCluster.Default.css" \
   "$nm/leaflet.markercluster/MIT-LICENCE.txt" "$out/markercluster/"
cp "$nm/topojson-client/dist/topojson-client.min.js" "$out/topojson/"
cp "$nm/topojson-client/LICENSE" "$out/topojson/LICENSE.txt"
# 1:50m reads well from world view down to a single province; 10m would be 3.5 MB for little gain
cp "$nm/world-atlas/countries-50m.json" "$out/world-atlas/"
cp "$nm/world-atlas/LICENSE" "$out/world-atlas/LICENSE.txt"
node -e '
const fs = require("fs"); const lock = require(process.argv[1]);
const v = {}; for (const [k, p] of Object.entries(lock.packages)) if (k) v[k.replace("node_modules/", "")] = p.version;
fs.writeFileSync(process.argv[2], JSON.stringify(v, null, 2) + "\n");
' "$here/package-lock.json" "$out/VERSIONS.json"
chmod 644 "$out"/*/*
echo "vendored into $out:"; du -sh "$out"
