/** What one detector concludes about its designated disease. */
export type Finding = { disease: number; outcome: 'covered' } | { disease: number; outcome: 'notCovered' | 'review'; reason: string };

export const covered = (disease: number): Finding => ({ disease, outcome: 'covered' });
export const notCovered = (disease: number, reason: string): Finding => ({ disease, outcome: 'notCovered', reason });
export const review = (disease: number, reason: string): Finding => ({ disease, outcome: 'review', reason });
