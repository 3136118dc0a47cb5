/** The premium summary per unit × plan, as the page shows it: the shared summary table's cells. */
import * as React from 'react';
import { makeStyles, Table, Text, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { RosterReport } from '../rules/roster';
import { SummaryFormat, summaryTable } from '../ui/summaryTable';

const useStyles = makeStyles({
  number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
  total: { fontWeight: tokens.fontWeightSemibold },
  subheading: { display: 'block', marginTop: tokens.spacingVerticalL },
  notes: {
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    margin: `${tokens.spacingVerticalS} 0 0`,
    paddingLeft: tokens.spacingHorizontalL,
  },
});

function show(value: string | number, format: SummaryFormat): string {
  if (typeof value !== 'number') return value;
  return format === '#,##0.00' ? value.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : value.toLocaleString('zh-CN');
}

export function SummaryView({ report, label }: { report: RosterReport; label: string }): React.ReactElement {
  const styles = useStyles();
  const table = summaryTable(report);
  const section = (header: number, last: number, width: number, name: string) => (
    <Table size="small" aria-label={name}>
      <TableHeader>
        <TableRow>
          {table.rows[header].slice(0, width).map((cell, c) => (
            <TableHeaderCell key={c}>{String(cell)}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {table.rows.slice(header + 1, last + 1).map((row, r) => (
          <TableRow key={r} className={header + 1 + r === table.totalRow ? styles.total : undefined}>
            {row.slice(0, width).map((cell, c) => (
              <TableCell key={c} className={typeof cell === 'number' ? styles.number : undefined}>
                {show(cell, table.formats[header + 1 + r][c])}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
  const last = table.rows.length - 1;
  // The notes under the tables: the rows after the last table that hold text.
  const after = Math.max(table.totalRow, table.fundingEnd) + 1;
  const notes = table.rows
    .slice(after, last + 1)
    .map((row) => row[0])
    .filter((text): text is string => typeof text === 'string' && text !== '');
  return (
    <section aria-label={label}>
      {section(table.unitsHeader, table.totalRow, table.rows[table.unitsHeader].length, label)}
      {table.fundingHeader >= 0 && (
        <>
          <Text as="h3" weight="semibold" className={styles.subheading}>
            {String(table.rows[table.fundingHeader - 1][0])}
          </Text>
          {section(table.fundingHeader, table.fundingEnd, 3, String(table.rows[table.fundingHeader - 1][0]))}
        </>
      )}
      <ul className={styles.notes}>
        {notes.map((text) => (
          <li key={text}>{text}</li>
        ))}
      </ul>
    </section>
  );
}
