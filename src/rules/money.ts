/** Yuan rounded to the fen (0.01), the smallest unit a payment is made in. */
export function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}
