/**
 * 与上年比对: choosing last year's roster (a sheet of this workbook, or a workbook file picked with
 * <input type=file> and read in the pane: nothing is uploaded), and the lapsed list of the result.
 */
import * as React from 'react';
import { Button, Caption1, makeStyles, Radio, RadioGroup, Select, tokens } from '@fluentui/react-components';
import type { PreviousRoster } from '../../rules/renewal';
import type { LapsedMember } from '../../rules/roster';
import type { Strings } from '../i18n';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  lapsed: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS, margin: 0, padding: 0, listStyleType: 'none' },
});

/** What the clerk chose as last year's roster. */
export type PreviousPick = { kind: 'sheet'; sheet: string } | { kind: 'file'; file: File };

export interface RenewalChooserProps {
  strings: Strings;
  sheets: readonly string[];
  /** Absent: this build cannot read files, and only sheets are offered. */
  canReadFiles: boolean;
  disabled: boolean;
  onStart: (pick: PreviousPick | null) => void;
}

export function RenewalChooser({ strings, sheets, canReadFiles, disabled, onStart }: RenewalChooserProps): React.ReactElement {
  const styles = useStyles();
  const [source, setSource] = React.useState<'sheet' | 'file'>('sheet');
  const [sheet, setSheet] = React.useState(sheets[0] ?? '');
  const [file, setFile] = React.useState<File | null>(null);
  React.useEffect(() => {
    if (!sheets.includes(sheet)) setSheet(sheets[0] ?? '');
  }, [sheets, sheet]);

  const pick = (): PreviousPick | null => {
    if (source === 'file') return file ? { kind: 'file', file } : null;
    return sheet ? { kind: 'sheet', sheet } : null;
  };

  return (
    <section className={styles.panel} aria-label={strings.previousHeading}>
      <Caption1>{strings.previousHeading}</Caption1>
      <RadioGroup value={source} onChange={(_, data) => setSource(data.value as 'sheet' | 'file')}>
        <Radio value="sheet" label={strings.previousFromSheet} />
        {canReadFiles && <Radio value="file" label={strings.previousFromFile} />}
      </RadioGroup>
      {source === 'sheet' ? (
        <Select aria-label={strings.previousFromSheet} value={sheet} onChange={(_, data) => setSheet(data.value)}>
          {sheets.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </Select>
      ) : (
        <input type="file" aria-label={strings.previousFromFile} accept=".xlsx,.xlsm,.csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
      )}
      <Button appearance="primary" disabled={disabled} onClick={() => onStart(pick())}>
        {strings.startRenewal}
      </Button>
    </section>
  );
}

export interface LapsedListProps {
  strings: Strings;
  lapsed: readonly LapsedMember[];
  previous: PreviousRoster;
  onShow: (member: LapsedMember) => void;
}

/** The lapsed members, each a button that shows last year's row. */
export function LapsedList({ strings, lapsed, onShow }: LapsedListProps): React.ReactElement {
  const styles = useStyles();
  return (
    <section aria-label={strings.lapsedHeading}>
      <Caption1>{strings.lapsedHeading}</Caption1>
      <ul className={styles.lapsed}>
        {lapsed.map((member) => (
          <li key={`${member.id}/${member.plan}`}>
            <Button appearance="subtle" size="small" onClick={() => onShow(member)}>
              {`${member.name}\u3000${member.unit}\u3000${member.plan}${member.shares === null ? '' : ` ${member.shares} 份`}`}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}
