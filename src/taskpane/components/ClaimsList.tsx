/**
 * The claims needing action, at the top of the pane after 理赔计算: overdue and due-soon claims
 * first (the most overdue first), then those needing review. Clicking one selects its row.
 */
import * as React from 'react';
import { Badge, Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ClaimResult } from '../../rules/claims';
import type { ClaimsStrings } from '../claimsI18n';
import { clickableList } from '../../ui/listStyles';

/** Claims listed per group; the rest is counted. */
export const SHOWN_CLAIMS = 100;

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  ...clickableList,
  body: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: tokens.spacingVerticalXXS, flexGrow: 1 },
  top: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalS },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  where: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  note: { fontWeight: tokens.fontWeightRegular, color: tokens.colorNeutralForeground2 },
  more: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
});

export interface ClaimsListProps {
  claims: readonly ClaimResult[];
  strings: ClaimsStrings;
  onSelect: (claim: ClaimResult) => void;
}

const BADGE = { overdue: 'danger', dueSoon: 'warning', review: 'informative', pending: 'subtle', paid: 'success' } as const;

function byDueDate(a: ClaimResult, b: ClaimResult): number {
  return (a.dueSerial ?? Infinity) - (b.dueSerial ?? Infinity) || a.row - b.row;
}

export function ClaimsList({ claims, strings, onSelect }: ClaimsListProps): React.ReactElement {
  const styles = useStyles();
  const urgent = claims.filter((claim) => claim.status === 'overdue' || claim.status === 'dueSoon').sort(byDueDate);
  const review = claims.filter((claim) => claim.status === 'review');
  if (urgent.length + review.length === 0) return <Text>{strings.nothingUrgent}</Text>;

  const group = (title: string, list: ClaimResult[], key: string) =>
    list.length > 0 && (
      <section className={styles.group} aria-label={title} data-group={key}>
        <Text weight="semibold">
          {title}（{list.length}）
        </Text>
        <ul className={styles.list}>
          {list.slice(0, SHOWN_CLAIMS).map((claim) => (
            <li key={`${claim.sheet}-${claim.row}`}>
              <Button appearance="subtle" className={styles.item} onClick={() => onSelect(claim)}>
                <span className={styles.body}>
                  <span className={styles.top}>
                    <Badge appearance="tint" color={BADGE[claim.status]} size="small" className={styles.badge}>
                      {strings.status(claim.status)}
                    </Badge>
                    <span className={styles.where}>{strings.row(claim)}</span>
                    <span>{strings.line(claim)}</span>
                  </span>
                  {claim.note !== '' && <span className={styles.note}>{claim.note}</span>}
                </span>
              </Button>
            </li>
          ))}
        </ul>
        {list.length > SHOWN_CLAIMS && <div className={styles.more}>{strings.more(list.length - SHOWN_CLAIMS)}</div>}
      </section>
    );

  return (
    <div className={styles.group}>
      {group(strings.urgent, urgent, 'urgent')}
      {group(strings.review, review, 'review')}
    </div>
  );
}
