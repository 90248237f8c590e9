/**
 * Whether a result recomputed without its explanation steps (withoutSteps(): what 重新测算 stores) is
 * the same as a stored result that kept its steps (a desk save), apart from the leading policy block
 * (which pack and date computed it). That is the question 重新测算 asks of most cases: on a new date
 * the amounts are usually the same (71 % of the bench's cases) while the dated parts — the 低保
 * screening, the warnings — are not, and answering it by computing the steps again and spelling the
 * whole result out took a second calculation per case. Lean results that differ mean whole results
 * that differ, so such a case is changed without its steps ever being worded.
 *
 * The bytes are walked as they are: equal runs compared natively, each `"steps":[…]` of the stored
 * result skipped where the lean one has `"steps":[]`. Anything outside that form (a result not
 * starting with its policy block, a steps key where a key cannot be) is left to the parsed comparison.
 */
/** results are written by JSON.stringify of the core's result: the policy block comes first, then the benefits */
const POLICY_START_BYTES = Buffer.from('{"policy":', 'utf8');
const BENEFITS_MARKER_BYTES = Buffer.from(',"benefits":', 'utf8');
const STEPS_KEY = Buffer.from('"steps":[', 'utf8');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

type Json = Record<string, unknown>;

/**
 * true: `lean` (the UTF-8 JSON of a result without steps) is `stored` (the UTF-8 JSON of a result as
 * stored, steps or not) with every steps array emptied, apart from the policy block of each.
 */
export function sameLeanAsStored(lean: Buffer, stored: Buffer): boolean {
  const walked = walk(lean, stored);
  if (walked !== null) return walked;
  try {
    return sameLeanParsed(lean.toString('utf8'), stored.toString('utf8'));
  } catch {
    // not JSON (it passed its checksum, so written so long ago or by hand): not the same — the case
    // gets a revision computed from its checked input, never a wrong one
    return false;
  }
}

/** The byte walk; null when either document is not in the form it reads. */
export function walk(lean: Buffer, stored: Buffer): boolean | null {
  if (!startsWith(lean, POLICY_START_BYTES) || !startsWith(stored, POLICY_START_BYTES)) return null;
  let l = lean.indexOf(BENEFITS_MARKER_BYTES);
  let s = stored.indexOf(BENEFITS_MARKER_BYTES);
  if (l < 0 || s < 0) return null;
  for (;;) {
    const nextLean = lean.indexOf(STEPS_KEY, l);
    const nextStored = stored.indexOf(STEPS_KEY, s);
    if (nextLean < 0 || nextStored < 0) {
      // no further steps key on one side: the rest of both must be the same bytes (a key emptied keeps its name)
      if (nextLean >= 0 || nextStored >= 0) return false;
      return lean.length - l === stored.length - s && lean.compare(stored, s, stored.length, l, lean.length) === 0;
    }
    if (!atKey(lean, nextLean) || !atKey(stored, nextStored)) return null;
    const leanEnd = nextLean + STEPS_KEY.length;
    const storedEnd = nextStored + STEPS_KEY.length;
    // the bytes up to the key and the key itself
    if (leanEnd - l !== storedEnd - s || lean.compare(stored, s, storedEnd, l, leanEnd) !== 0) return false;
    l = leanEnd;
    s = storedEnd;
    if (lean[l] === CLOSE_BRACKET) {
      // emptied here: the stored array's content is skipped, both then stand on its ']'
      const end = arrayEnd(stored, s);
      if (end < 0) return null;
      s = end;
    }
    // a lean array that is not empty is compared byte for byte as the walk goes on
  }
}

function startsWith(bytes: Buffer, prefix: Buffer): boolean {
  return bytes.length >= prefix.length && bytes.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
}

/** A key stands after '{' or ',' (the core's JSON has no spaces); anything else is not one. */
function atKey(bytes: Buffer, at: number): boolean {
  const before = bytes[at - 1];
  return before === OPEN_BRACE || before === COMMA;
}

/** The index of the ']' closing the array whose content starts at `from` (strings and nesting respected); -1: none. */
function arrayEnd(bytes: Buffer, from: number): number {
  let depth = 1;
  let inString = false;
  for (let i = from; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i += 1;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) inString = true;
    else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) depth += 1;
    else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth -= 1;
      if (depth === 0) return byte === CLOSE_BRACKET ? i : -1;
    }
  }
  return -1;
}

/** The same question on the parsed documents (withoutSteps() of the stored one, by hand: it may be of an older form). */
export function sameLeanParsed(leanJson: string, storedJson: string): boolean {
  const { policy: _lean, ...lean } = JSON.parse(leanJson) as Json;
  const { policy: _stored, ...stored } = JSON.parse(storedJson) as Json;
  if (Array.isArray(stored.benefits)) {
    for (const benefit of stored.benefits as unknown[]) {
      if (typeof benefit === 'object' && benefit !== null && Array.isArray((benefit as Json).steps)) (benefit as Json).steps = [];
    }
  }
  const screening = stored.screening as Json | undefined;
  const dibao = typeof screening === 'object' && screening !== null ? (screening.dibao as Json | undefined) : undefined;
  if (typeof dibao === 'object' && dibao !== null && Array.isArray(dibao.steps)) dibao.steps = [];
  return JSON.stringify(lean) === JSON.stringify(stored);
}
