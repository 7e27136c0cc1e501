/**
 * Census regions and divisions by state FIPS (rollout.md §4.2 groupings), with Puerto Rico
 * and the other territories as groups of their own.
 */
const DIVISIONS: Record<string, [region: string, division: string]> = {};
const add = (region: string, division: string, fips: string[]) => {
  for (const f of fips) DIVISIONS[f] = [region, division];
};
add("Northeast", "New England", ["09", "23", "25", "33", "44", "50"]);
add("Northeast", "Middle Atlantic", ["34", "36", "42"]);
add("Midwest", "East North Central", ["17", "18", "26", "39", "55"]);
add("Midwest", "West North Central", ["19", "20", "27", "29", "31", "38", "46"]);
add("South", "South Atlantic", ["10", "11", "12", "13", "24", "37", "45", "51", "54"]);
add("South", "East South Central", ["01", "21", "28", "47"]);
add("South", "West South Central", ["05", "22", "40", "48"]);
add("West", "Mountain", ["04", "08", "16", "30", "32", "35", "49", "56"]);
add("West", "Pacific", ["02", "06", "15", "41", "53"]);
add("Puerto Rico", "Puerto Rico", ["72"]);
add("Other territories", "Other territories", ["60", "66", "69", "78"]);

/** Region of a tract from its GEOID (`Unknown` for an unlisted state code). */
export function regionOf(geoid: string): string {
  return DIVISIONS[geoid.slice(0, 2)]?.[0] ?? "Unknown";
}

/** Division of a tract from its GEOID. */
export function divisionOf(geoid: string): string {
  return DIVISIONS[geoid.slice(0, 2)]?.[1] ?? "Unknown";
}

/** University-enrolment bucket of a college-enrolment share (0–1), or null when missing. */
export function enrolmentBucket(share: number | null): string | null {
  if (share === null) return null;
  const pct = share * 100;
  if (pct < 20) return "0-19%";
  if (pct < 50) return "20-49%";
  if (pct < 70) return "50-69%";
  if (pct < 90) return "70-89%";
  return "90-100%";
}

/** Bucket order for tables and charts. */
export const ENROLMENT_BUCKETS = ["0-19%", "20-49%", "50-69%", "70-89%", "90-100%"] as const;

/** Low-income rate change bucket, in points (rollout.md §4.3 R13); labels match intervals. */
export function rateChangeBucket(points: number): string {
  if (points > 10) return "> +10";
  if (points > 5) return "+5 to +10";
  if (points >= -5) return "within ±5";
  if (points >= -10) return "-5 to -10";
  if (points >= -25) return "-10 to -25";
  if (points >= -50) return "-25 to -50";
  return "< -50";
}

/** Bucket order of `rateChangeBucket`. */
export const RATE_CHANGE_BUCKETS = [
  "> +10",
  "+5 to +10",
  "within ±5",
  "-5 to -10",
  "-10 to -25",
  "-25 to -50",
  "< -50",
] as const;
