/** The findings of a check, grouped by rule with counts; clicking one shows its cell in Excel. */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  CounterBadge,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Finding, RULE_SEVERITY, RULES, RuleId } from '../../rules/roster';
import type { Strings } from '../i18n';

/** Findings listed per rule; the rest is counted (a roster with thousands of faults needs fixing first). */
export const SHOWN_PER_RULE = 200;

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, width: '100%' },
  title: { flexGrow: 1 },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  item: { justifyContent: 'flex-start', textAlign: 'left', width: '100%', height: 'auto', paddingTop: tokens.spacingVerticalXS, paddingBottom: tokens.spacingVerticalXS },
  where: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS, whiteSpace: 'nowrap' },
  message: { fontWeight: tokens.fontWeightRegular },
  more: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, paddingTop: tokens.spacingVerticalXS },
});

export interface FindingsListProps {
  findings: readonly Finding[];
  strings: Strings;
  /** Show the sheet name with each cell (a whole-workbook check). */
  showSheet: boolean;
  onSelect: (finding: Finding) => void;
}

export function FindingsList({ findings, strings, showSheet, onSelect }: FindingsListProps): React.ReactElement | null {
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
                  const where = `${showSheet ? `${finding.sheet}!` : ''}${finding.cell ?? strings.rowOnly(finding.row)}`;
                  return (
                    <li key={`${finding.sheet}-${finding.row}-${finding.cell}-${i}`}>
                      <Button appearance="subtle" className={styles.item} onClick={() => onSelect(finding)}>
                        <span className={styles.where}>{where}</span>
                        <span className={styles.message}>{finding.message}</span>
                      </Button>
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
