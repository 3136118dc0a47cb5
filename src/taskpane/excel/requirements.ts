/**
 * The Excel JavaScript API the add-in can count on. The manifest asks for SharedRuntime 1.1 and
 * CustomFunctionsRuntime 1.3, so only these Excels load it (Microsoft's requirement-set tables):
 * Microsoft 365 on Windows from version 2008 (build 13127.20296), Office 2021 LTSC from 2108,
 * retail perpetual Office from 2311, Excel on Mac from 16.40, Excel on the web. Not Excel
 * 2016/2019, not iPad. The lowest ExcelApi among them is 1.11: Windows version 2008 has
 * CustomFunctionsRuntime 1.3 from build 13127.20296 but ExcelApi 1.12 only from 13127.20408; Mac
 * 16.40 has 1.12, Office 2021 LTSC 1.14, Office 2024 LTSC 1.17.
 *
 * So the adapter calls anything up to ExcelApi 1.11 freely and guards every call above it with
 * context.supports(version) and a degraded path (test/taskpane/requirements.test.ts holds it to
 * that). Above the floor it uses: 1.13 merged areas (without: covered cells read blank), 1.18
 * notes (without: marks are colour only, and a clear leaves the add-in's earlier notes in place
 * and lists them).
 */
export const EXCEL_API_FLOOR = '1.11';

/** What the pane needs at run time and checks at start: the manifest's sets gate loading itself. */
export const REQUIRED_SETS: readonly { name: string; version: string }[] = [{ name: 'ExcelApi', version: EXCEL_API_FLOOR }];
