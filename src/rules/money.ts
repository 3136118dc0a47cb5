/** Yuan rounded to the fen (0.01), the smallest unit a payment is made in. */
export function roundYuan(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Yuan for notes: 45000 → "45,000"; 3456.78 → "3,456.78" (no locale: the same on every machine). */
export function yuanText(amount: number): string {
  const [whole, fraction] = roundYuan(amount).toFixed(2).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === '00' ? grouped : `${grouped}.${fraction}`;
}
