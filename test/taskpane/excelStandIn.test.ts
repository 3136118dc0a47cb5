/**
 * The stand-in behaves like office.js where it matters to the adapter's tests: nothing is read
 * before a sync, writes wait for the sync, a failed sync keeps the writes before the failure and
 * loads nothing, payloads past 5 MB fail, protected sheets refuse writes.
 */
import { ExcelStandIn, NO_FILL, RequestContext, solidFill, WorkbookState } from '../support/excelStandIn';

function excel(options = {}) {
  const workbook = new WorkbookState([
    { name: '花名册', rows: [['姓名', '份数'], ['张三', 2]], fills: { A1: solidFill('#FFFF00') } },
    { name: '锁定', rows: [['x']], protected: true },
  ]);
  return { workbook, standIn: new ExcelStandIn(workbook, options) };
}

test('a property read before load and sync throws PropertyNotLoaded, as office.js does', async () => {
  const { standIn } = excel();
  await standIn.run(async (context: RequestContext) => {
    const range = context.workbook.worksheets.getItem('花名册').getRange('A1:B2');
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    range.load('values');
    expect(() => range.values).toThrow(/call the load method .* "context.sync\(\)"/);
    await context.sync();
    expect(range.values).toEqual([
      ['姓名', '份数'],
      ['张三', 2],
    ]);
    expect(() => range.rowCount).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
});

test('a ClientResult and isNullObject are known only after sync', async () => {
  const { standIn } = excel();
  await standIn.run(async (context: RequestContext) => {
    const props = context.workbook.worksheets.getItem('花名册').getRange('A1:A2').getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
    const missing = context.workbook.worksheets.getItemOrNullObject('没有');
    expect(() => props.value).toThrow(expect.objectContaining({ code: 'ValueNotLoaded' }));
    expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    await context.sync();
    expect(missing.isNullObject).toBe(true);
    // No fill reads as white, pattern None, tintAndShade null; a fill has a number.
    expect(props.value).toEqual([
      [{ format: { fill: { color: '#FFFF00', pattern: 'Solid', tintAndShade: 0 } } }],
      [{ format: { fill: { color: '#FFFFFF', pattern: 'None', tintAndShade: null } } }],
    ]);
  });
});

test('writes wait for sync; a failing operation keeps earlier writes and loads nothing', async () => {
  const { workbook, standIn } = excel();
  await standIn.run(async (context: RequestContext) => {
    const sheet = context.workbook.worksheets.getItem('花名册');
    sheet.getRange('B2').format.fill.color = '#FF0000';
    expect(workbook.fillAt('花名册', 'B2')).toEqual(NO_FILL);
    const range = sheet.getRange('A1');
    range.load('values');
    context.workbook.worksheets.getItem('锁定').getRange('A1').format.fill.color = '#FF0000';
    await expect(context.sync()).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(workbook.fillAt('花名册', 'B2').color).toBe('#FF0000');
    expect(workbook.fillAt('锁定', 'A1')).toEqual(NO_FILL);
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
  expect(standIn.syncs).toBe(1);
});

test('requests and responses past the payload limit fail', async () => {
  const { standIn } = excel({ payloadLimitBytes: 2000 });
  await standIn.run(async (context: RequestContext) => {
    const sheet = context.workbook.worksheets.getItem('花名册');
    sheet.getRange('C1:C300').values = Array.from({ length: 300 }, () => ['一些文字']);
    await expect(context.sync()).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
  });
  const big = new WorkbookState([{ name: 'S', rows: Array.from({ length: 200 }, () => ['一段很长的文字内容']) }]);
  const tight = new ExcelStandIn(big, { payloadLimitBytes: 2000 });
  await tight.run(async (context: RequestContext) => {
    const range = context.workbook.worksheets.getItem('S').getRange('A1:A200');
    range.load('values');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
  });
  expect(tight.payloadFailures).toBe(1);
});

test('APIs above the host’s requirement set fail with ApiNotFound', async () => {
  const { standIn } = excel({ apiVersion: '1.17' });
  expect(standIn.isSetSupported('ExcelApi', '1.9')).toBe(true);
  expect(standIn.isSetSupported('ExcelApi', '1.18')).toBe(false);
  await standIn.run(async (context: RequestContext) => {
    context.workbook.worksheets.getItem('花名册').notes.add('A1', 'x');
    await expect(context.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});

test('Excel.run sends what is still queued when the batch ends', async () => {
  const { workbook, standIn } = excel();
  await standIn.run(async (context: RequestContext) => {
    context.workbook.worksheets.getItem('花名册').getRange('B1').format.fill.clear();
  });
  expect(standIn.syncs).toBe(1);
  expect(workbook.fillAt('花名册', 'A1').color).toBe('#FFFF00');
});
