/**
 * The stand-in behaves like office.js where it matters to the adapter's tests: nothing is read
 * before a sync, writes wait for the sync, a failed sync keeps the writes before the failure and
 * loads nothing, payloads past 5 MB fail, protected sheets refuse writes.
 */
import { API_SETS, ExcelStandIn, NO_FILL, RequestContext, solidFill, WorkbookState } from '../support/excelStandIn';

function excel(options = {}) {
  const workbook = new WorkbookState([
    {
      name: '花名册',
      rows: [
        ['姓名', '份数'],
        ['张三', 2],
      ],
      fills: { A1: solidFill('#FFFF00') },
    },
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
    const props = context.workbook.worksheets
      .getItem('花名册')
      .getRange('A1:A2')
      .getCellProperties({ format: { fill: { color: true, pattern: true, tintAndShade: true } } });
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

describe('the requirement-set matrix: isSetSupported and ApiNotFound follow the configured ExcelApi version', () => {
  /** One use of an API of each kind, with its set from API_SETS: a navigation, a method call, a write, a load. */
  const uses: { api: string; use: (context: RequestContext) => void }[] = [
    { api: 'Worksheet.getRangeByIndexes', use: (context) => context.workbook.worksheets.getItem('花名册').getRangeByIndexes(0, 0, 1, 1) },
    { api: 'WorksheetFreezePanes.freezeRows', use: (context) => context.workbook.worksheets.getItem('花名册').freezePanes.freezeRows(1) },
    { api: 'RangeFill.tintAndShade', use: (context) => (context.workbook.worksheets.getItem('花名册').getRange('B2').format.fill.tintAndShade = 0) },
    { api: 'WorkbookProtection.protected', use: (context) => context.workbook.protection.load('protected') },
    { api: 'Range.getMergedAreasOrNullObject', use: (context) => context.workbook.worksheets.getItem('花名册').getRange('A1:B2').getMergedAreasOrNullObject() },
    { api: 'Note.delete', use: (context) => context.workbook.worksheets.getItem('花名册').notes.getItemOrNullObject('A1').delete() },
  ];

  test.each(['1.1', '1.6', '1.7', '1.8', '1.9', '1.12', '1.13', '1.17', '1.18'])('ExcelApi %s', async (apiVersion) => {
    const { standIn } = excel({ apiVersion });
    const [, minor] = apiVersion.split('.').map(Number);
    expect(standIn.isSetSupported('ExcelApi', apiVersion)).toBe(true);
    expect(standIn.isSetSupported('ExcelApi', `1.${minor + 1}`)).toBe(false);
    expect(standIn.isSetSupported('ExcelApi', '1.1')).toBe(true);
    for (const { api, use } of uses) {
      const [, needed] = API_SETS[api].split('.').map(Number);
      await standIn.run(async (context: RequestContext) => {
        use(context);
        if (needed > minor)
          await expect(context.sync()).rejects.toMatchObject({ code: 'ApiNotFound', message: expect.stringContaining(`ExcelApi ${API_SETS[api]} `) });
        // Within the version the call goes through to Excel (which may still refuse it for what it asks: no note in A1).
        else await context.sync().catch((error: { code: string }) => expect(error.code).not.toBe('ApiNotFound'));
      });
    }
  });
});

test('Workbook.functions.date answers after sync, in the workbook’s date system', async () => {
  for (const [date1904, serial] of [
    [false, 36526],
    [true, 35064],
  ] as const) {
    const standIn = new ExcelStandIn(new WorkbookState([{ name: 'S' }], { date1904 }));
    await standIn.run(async (context: RequestContext) => {
      const probe = context.workbook.functions.date(2000, 1, 1);
      const unloaded = context.workbook.functions.date(2026, 1, 1);
      expect(() => probe.value).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      probe.load('value');
      expect(() => probe.value).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(probe.value).toBe(serial);
      expect(() => unloaded.value).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  }
  // DATE's own readings: a year below 1900 is years after 1900, months overflow, Excel's 1900-02-29.
  const book1900 = new WorkbookState([]);
  expect([book1900.dateSerial(126, 1, 1), book1900.dateSerial(2025, 13, 1), book1900.dateSerial(1900, 2, 28), book1900.dateSerial(1900, 3, 1)]).toEqual([
    46023, 46023, 59, 61,
  ]);
  expect(new WorkbookState([], { date1904: true }).dateSerial(1903, 12, 31)).toBeNull();
  const old = new ExcelStandIn(new WorkbookState([{ name: 'S' }]), { apiVersion: '1.1' });
  await old.run(async (context: RequestContext) => {
    context.workbook.functions.date(2000, 1, 1).load('value');
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

describe('formulas follow their cells, as Excel keeps them', () => {
  function workbookWithReferences() {
    return new WorkbookState([
      {
        name: '花名册',
        rows: [['标题'], ['a', 1], ['b', 2], ['c', 3], ['合计', 6]],
        formulas: { B5: '=SUM(B2:B4)', C2: '=ROW(A3)' },
        fills: { A3: solidFill('#FFFF00') },
        notes: { A3: '经办人的备注' },
      },
      {
        name: 'refs',
        formulas: { A1: "=ROW('花名册'!A3)", A2: '=ROW(花名册!$A$4)', A3: '=ROW(refs!B9)', A4: '="花名册!A3"&ROW(花名册!A2)' },
      },
    ]);
  }

  test('=ROW(reference) is calculated; a formula written to a text cell stays text', async () => {
    const workbook = workbookWithReferences();
    expect(
      workbook
        .valuesOf('refs')
        .map((row) => row[0])
        .slice(0, 3),
    ).toEqual([3, 4, 9]);
    const standIn = new ExcelStandIn(workbook);
    await standIn.run(async (context: RequestContext) => {
      const range = context.workbook.worksheets.getItem('refs').getRange('C1:C2');
      range.numberFormat = [['General'], ['@']];
      range.formulas = [["=ROW('花名册'!B5)"], ["=ROW('花名册'!B5)"]];
      await context.sync();
    });
    expect(workbook.formulasOf('refs').C1).toBe("=ROW('花名册'!B5)");
    expect(workbook.formulasOf('refs').C2).toBeUndefined();
    expect(workbook.valuesOf('refs')[1][2]).toBe("=ROW('花名册'!B5)");
    expect(workbook.valuesOf('refs')[0][2]).toBe(5);
  });

  test('renaming a sheet rewrites the references to it in every sheet', () => {
    const workbook = workbookWithReferences();
    workbook.renameSheet('花名册', '2026 花名册');
    expect(workbook.formulasOf('refs')).toEqual({
      A1: "=ROW('2026 花名册'!A3)",
      A2: "=ROW('2026 花名册'!$A$4)",
      A3: '=ROW(refs!B9)',
      A4: `="花名册!A3"&ROW('2026 花名册'!A2)`,
    });
    expect(workbook.formulasOf('2026 花名册')).toEqual({ B5: '=SUM(B2:B4)', C2: '=ROW(A3)' });
    workbook.renameSheet('2026 花名册', '新表');
    expect(workbook.formulasOf('refs').A1).toBe('=ROW(新表!A3)');
    expect(workbook.activeSheet).toBe('新表');
  });

  test('inserting rows moves the cells and the references to them', () => {
    const workbook = workbookWithReferences();
    workbook.insertRows('花名册', 3, 2);
    expect(workbook.valuesOf('花名册').map((row) => row[0] ?? '')).toEqual(['标题', 'a', '', '', 'b', 'c', '合计']);
    expect(workbook.fillAt('花名册', 'A5').color).toBe('#FFFF00');
    expect(workbook.fillAt('花名册', 'A3')).toEqual(NO_FILL);
    expect(workbook.notesOf('花名册')).toEqual({ A5: '经办人的备注' });
    expect(workbook.formulasOf('花名册')).toEqual({ B7: '=SUM(B2:B6)', C2: '=ROW(A5)' });
    expect(workbook.formulasOf('refs')).toMatchObject({ A1: "=ROW('花名册'!A5)", A2: '=ROW(花名册!$A$6)', A3: '=ROW(refs!B9)' });
    expect(
      workbook
        .valuesOf('refs')
        .map((row) => row[0])
        .slice(0, 3),
    ).toEqual([5, 6, 9]);
  });

  test('deleting rows: references to the deleted cells become #REF!, the others move up', () => {
    const workbook = workbookWithReferences();
    workbook.deleteRows('花名册', 3, 1);
    expect(workbook.valuesOf('花名册').map((row) => row[0])).toEqual(['标题', 'a', 'c', '合计']);
    expect(workbook.fillsOf('花名册')).toEqual({});
    expect(workbook.notesOf('花名册')).toEqual({});
    expect(workbook.formulasOf('花名册')).toEqual({ B4: '=SUM(B2:B3)', C2: '=ROW(#REF!)' });
    expect(workbook.formulasOf('refs')).toMatchObject({ A1: "=ROW('花名册'!#REF!)", A2: '=ROW(花名册!$A$3)' });
    expect(
      workbook
        .valuesOf('refs')
        .map((row) => row[0])
        .slice(0, 2),
    ).toEqual(['#REF!', 3]);
  });

  test('deleting a sheet: references to it become #REF!A1', () => {
    const workbook = workbookWithReferences();
    workbook.deleteSheet('花名册');
    expect(workbook.formulasOf('refs')).toMatchObject({ A1: '=ROW(#REF!A3)', A2: '=ROW(#REF!$A$4)' });
    expect(workbook.valuesOf('refs')[0][0]).toBe('#REF!');
  });
});

describe('merged cells', () => {
  const spec = {
    name: 'M',
    rows: [
      ['单位', '计划'],
      ['供电', '综合'],
      ['不该在这里', ''],
      ['', '农民工'],
    ],
    merges: ['A2:A4', 'A6:B6'],
  };

  test('the cells a merged area covers read blank; only areas whose top-left cell is in the range are returned', async () => {
    const workbook = new WorkbookState([spec]);
    expect(workbook.valuesOf('M').map((row) => row[0])).toEqual(['单位', '供电', '', '']);
    const standIn = new ExcelStandIn(workbook);
    await standIn.run(async (context: RequestContext) => {
      const sheet = context.workbook.worksheets.getItem('M');
      const whole = sheet.getRange('A1:B6').getMergedAreasOrNullObject().load('address');
      const below = sheet.getRange('A3:B4').getMergedAreasOrNullObject().load('address');
      const none = sheet.getRange('B1:B4').getMergedAreasOrNullObject().load('address');
      await context.sync();
      expect(whole.isNullObject).toBe(false);
      expect(whole.address).toBe('M!A2:A4,M!A6:B6');
      // A2:A4 covers A3:A4 but starts above it (office-js issue #3611).
      expect(below.isNullObject).toBe(true);
      expect(none.isNullObject).toBe(true);
    });
    workbook.insertRows('M', 3, 1);
    expect(workbook.sheet('M').merges).toEqual([
      { row: 1, column: 0, rowCount: 4, columnCount: 1 },
      { row: 6, column: 0, rowCount: 1, columnCount: 2 },
    ]);
  });

  test('before ExcelApi 1.13 there is no getMergedAreasOrNullObject', async () => {
    const standIn = new ExcelStandIn(new WorkbookState([spec]), { apiVersion: '1.12' });
    await standIn.run(async (context: RequestContext) => {
      context.workbook.worksheets.getItem('M').getRange('A1:B6').getMergedAreasOrNullObject().load('address');
      await expect(context.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
  });
});
