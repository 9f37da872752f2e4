// PLOVER event types in the order records.py lists them, each with a colour: material conflict in reds
// and oranges, verbal conflict in pinks and purples, cooperation in greens and blues, so the map's
// temperature reads at a glance before any legend is consulted.
export const TYPE_COLORS = {
  ASSAULT: "#d7191c", COERCE: "#8c2d04", MOBILIZE: "#f46d43", THREATEN: "#f0a030",
  PROTEST: "#9e4ec4", SANCTION: "#5b3794", REJECT: "#e7298a", ACCUSE: "#f781bf",
  REQUEST: "#b59a00", RETREAT: "#80b1a8", CONCEDE: "#4fae8f", AID: "#1a9850",
  COOPERATE: "#2c7fb8", SUPPORT: "#35a9c0", CONSULT: "#7570b3", AGREE: "#006837",
};
export const TYPES = Object.keys(TYPE_COLORS);
export const STATUSES = ["occurred", "planned", "possible", "denied", "hypothetical"];

export function typeColor(type) {
  return TYPE_COLORS[type] || "#666";
}
