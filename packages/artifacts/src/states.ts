/** A state or territory from the 2010 state FIPS table. */
export interface StateInfo {
  fips: string;
  name: string;
  abbreviation: string;
}

const ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ["01", "Alabama", "AL"],
  ["02", "Alaska", "AK"],
  ["04", "Arizona", "AZ"],
  ["05", "Arkansas", "AR"],
  ["06", "California", "CA"],
  ["08", "Colorado", "CO"],
  ["09", "Connecticut", "CT"],
  ["10", "Delaware", "DE"],
  ["11", "District of Columbia", "DC"],
  ["12", "Florida", "FL"],
  ["13", "Georgia", "GA"],
  ["15", "Hawaii", "HI"],
  ["16", "Idaho", "ID"],
  ["17", "Illinois", "IL"],
  ["18", "Indiana", "IN"],
  ["19", "Iowa", "IA"],
  ["20", "Kansas", "KS"],
  ["21", "Kentucky", "KY"],
  ["22", "Louisiana", "LA"],
  ["23", "Maine", "ME"],
  ["24", "Maryland", "MD"],
  ["25", "Massachusetts", "MA"],
  ["26", "Michigan", "MI"],
  ["27", "Minnesota", "MN"],
  ["28", "Mississippi", "MS"],
  ["29", "Missouri", "MO"],
  ["30", "Montana", "MT"],
  ["31", "Nebraska", "NE"],
  ["32", "Nevada", "NV"],
  ["33", "New Hampshire", "NH"],
  ["34", "New Jersey", "NJ"],
  ["35", "New Mexico", "NM"],
  ["36", "New York", "NY"],
  ["37", "North Carolina", "NC"],
  ["38", "North Dakota", "ND"],
  ["39", "Ohio", "OH"],
  ["40", "Oklahoma", "OK"],
  ["41", "Oregon", "OR"],
  ["42", "Pennsylvania", "PA"],
  ["44", "Rhode Island", "RI"],
  ["45", "South Carolina", "SC"],
  ["46", "South Dakota", "SD"],
  ["47", "Tennessee", "TN"],
  ["48", "Texas", "TX"],
  ["49", "Utah", "UT"],
  ["50", "Vermont", "VT"],
  ["51", "Virginia", "VA"],
  ["53", "Washington", "WA"],
  ["54", "West Virginia", "WV"],
  ["55", "Wisconsin", "WI"],
  ["56", "Wyoming", "WY"],
  ["60", "American Samoa", "AS"],
  ["66", "Guam", "GU"],
  ["69", "Northern Mariana Islands", "MP"],
  ["72", "Puerto Rico", "PR"],
  ["78", "Virgin Islands", "VI"],
];

/** The 56 states and territories of the tract universe, keyed by 2-digit FIPS. */
export const STATES: ReadonlyMap<string, StateInfo> = new Map(
  ROWS.map(([fips, name, abbreviation]) => [fips, { fips, name, abbreviation }]),
);

/** The state of a tract id, or an error naming the unknown prefix. */
export function stateOf(geoid: string): StateInfo {
  const s = STATES.get(geoid.slice(0, 2));
  if (s === undefined)
    throw new Error(`tract ${geoid} has an unknown state FIPS prefix (got ${geoid.slice(0, 2)})`);
  return s;
}
