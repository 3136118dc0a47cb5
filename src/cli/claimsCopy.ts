/**
 * The --out copy of a claims register: the register's package patched (src/workbook/annotate) with
 * the computed columns filled and the findings marked. The input is never written.
 */
import { ClaimsReport } from '../rules/claims';
import { InputError } from './inputError';

export async function writeClaimsCopy(register: string, rosters: readonly string[], report: ClaimsReport, path: string, force: boolean): Promise<void> {
  void rosters;
  void report;
  void force;
  throw new InputError(`--out 暂不可用（${register} → ${path}）：批注写入模块尚未合并`);
}
