/**
 * 未续保名单 on the page: who was on last year's roster and is not on this year's, by person × plan,
 * as `mutual-aid check --previous` lists them. (The task pane's list selects last year's row in the
 * workbook; the page has no workbook to show, so it is a table.)
 */
import * as React from 'react';
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { LapsedMember } from '../rules/roster';

export function LapsedView({ lapsed, label, columns }: { lapsed: readonly LapsedMember[]; label: string; columns: readonly string[] }): React.ReactElement {
  return (
    <Table size="small" aria-label={label}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {lapsed.map((member) => (
          <TableRow key={`${member.id}/${member.plan}`}>
            <TableCell>{member.id}</TableCell>
            <TableCell>{member.name}</TableCell>
            <TableCell>{member.unit}</TableCell>
            <TableCell>{member.plan}</TableCell>
            <TableCell>{member.shares === null ? '' : String(member.shares)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
