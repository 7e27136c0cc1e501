import { InputSchemaError } from "@cejst/schema";

/**
 * `JSON.parse` whose failure is an `InputSchemaError` naming the file and the line of the
 * offending character (the last line when the text ends early, as a cut-off download does).
 */
export function parseJsonText(text: string, file: string, what = "JSON"): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const message = (e as Error).message;
    const at = /position (\d+)/.exec(message);
    const offset = at ? Number(at[1]) : text.trimEnd().length;
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    throw new InputSchemaError({ file, line }, `is not valid ${what} (${message})`, { cause: e });
  }
}
