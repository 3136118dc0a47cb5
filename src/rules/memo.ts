/**
 * Remembers a pure function's answers for text keys, up to `limit` of them (then starts afresh):
 * plan names and diagnoses repeat down a roster or a column of formulas.
 */
export function memoizeText<T extends NonNullable<unknown> | null>(compute: (text: string) => T, limit: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined) return known; // T excludes undefined, so undefined means "not yet known"
    const answer = compute(text);
    if (answers.size >= limit) answers.clear();
    answers.set(text, answer);
    return answer;
  };
}
