/**
 * The findings of a check, grouped by rule with counts, each naming where it is. Shared by the task
 * pane (where clicking a finding shows its cell in Excel) and the offline checker page (which names
 * each finding's file as well and has no Excel to show it in).
 */
import * as React from 'react';
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Badge, Button, CounterBadge, makeStyles, tokens } from '@fluentui/react-components';
import { Finding, RULE_SEVERITY, RULES, RuleId } from '../rules/roster';
import type { Strings } from '../taskpane/i18n';
import { clickableList } from './listStyles';

/** Findings listed per rule; the rest is counted (a roster with thousands of faults needs fixing first). */
export const SHOWN_PER_RULE = 200;

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, width: '100%' },
  title: { flexGrow: 1 },
  ...clickableList,
  where: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  message: { fontWeight: tokens.fontWeightRegular },
  text: { paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalM },
  more: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingTop: tokens.spacingVerticalXS },
});

export interface FindingsListProps {
  findings: readonly Finding[];
  strings: Strings;
  /** Show the sheet name with each cell (a whole-workbook check). */
  showSheet: boolean;
  /** Show the file's name before the sheet (several files checked at once). */
  showFile?: boolean;
  /** Without it the findings are listed as text (nothing to select). */
  onSelect?: (finding: Finding) => void;
}

/** "花名册.xlsx · 花名册!E4": where a finding is, as the list names it. */
export function findingPlace(finding: Finding, strings: Strings, showSheet: boolean, showFile = false): string {
  const file = showFile && finding.file !== undefined ? `${finding.file} · ` : '';
  return `${file}${showSheet ? `${finding.sheet}!` : ''}${finding.cell ?? strings.rowOnly(finding.row)}`;
}

export function FindingsList({ findings, strings, showSheet, showFile = false, onSelect }: FindingsListProps): React.ReactElement | null {
  const styles = useStyles();
  const groups = React.useMemo(() => {
    const byRule = new Map<RuleId, Finding[]>();
    for (const finding of findings) {
      const list = byRule.get(finding.rule);
      if (list) list.push(finding);
      else byRule.set(finding.rule, [finding]);
    }
    return RULES.filter((rule) => byRule.has(rule)).map((rule) => ({ rule, findings: byRule.get(rule) as Finding[] }));
  }, [findings]);
  if (groups.length === 0) return null;

  return (
    <Accordion multiple collapsible defaultOpenItems={[groups[0].rule]} aria-label={strings.findingsHeading}>
      {groups.map(({ rule, findings: list }) => {
        const severity = RULE_SEVERITY[rule];
        return (
          <AccordionItem key={rule} value={rule}>
            <AccordionHeader>
              <span className={styles.header}>
                <span className={styles.title}>{strings.ruleTitle(rule)}</span>
                <Badge appearance="tint" color={severity === 'error' ? 'danger' : 'warning'} size="small">
                  {severity === 'error' ? strings.error : strings.warning}
                </Badge>
                <CounterBadge count={list.length} overflowCount={99999} color={severity === 'error' ? 'danger' : 'informative'} size="small" />
              </span>
            </AccordionHeader>
            <AccordionPanel>
              <ul className={styles.list} data-rule={rule}>
                {list.slice(0, SHOWN_PER_RULE).map((finding, i) => {
                  const content = (
                    <>
                      <span className={styles.where}>{findingPlace(finding, strings, showSheet, showFile)}</span>
                      <span className={styles.message}>{finding.message}</span>
                    </>
                  );
                  return (
                    <li key={`${finding.file ?? ''}-${finding.sheet}-${finding.row}-${finding.cell}-${i}`}>
                      {onSelect ? (
                        <Button appearance="subtle" className={styles.item} onClick={() => onSelect(finding)}>
                          {content}
                        </Button>
                      ) : (
                        <div className={styles.text}>{content}</div>
                      )}
                    </li>
                  );
                })}
              </ul>
              {list.length > SHOWN_PER_RULE && <div className={styles.more}>{strings.moreFindings(list.length - SHOWN_PER_RULE)}</div>}
            </AccordionPanel>
          </AccordionItem>
        );
      })}
    </Accordion>
  );
}
