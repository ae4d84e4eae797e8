/** 报告: preview of the drafted report and 导出 Word (docx is loaded only when asked for). */
import * as React from 'react';
import {
  Body1,
  Button,
  Caption1,
  makeStyles,
  Spinner,
  Subtitle2,
  Text,
  Title3,
  tokens,
} from '@fluentui/react-components';
import type { ReportDraft, ReportSection } from '../../core/narrative';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';

const useStyles = makeStyles({
  page: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  paragraph: {
    textIndent: '2em',
    lineHeight: tokens.lineHeightBase400,
    overflowWrap: 'anywhere',
    margin: `${tokens.spacingVerticalXS} 0`,
  },
  heading: { margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}` },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
  table: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    '& th, & td': {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
      padding: '2px 4px',
    },
    '& th': { backgroundColor: tokens.colorNeutralBackground3 },
  },
  title: { textAlign: 'center', margin: 0 },
});

export interface ReportTabProps {
  draft: ReportDraft | null;
  exporting: boolean;
  onExport(): void;
  /** 导出审核意见: what is aimed at the finance bureau's reviewer, as its own Word document. */
  onExportReview?(): void;
}

function Section({ section }: { section: ReportSection }) {
  const css = useStyles();
  const pane = usePaneStyles();
  const Heading = section.level <= 1 ? Subtitle2 : Text;
  return (
    <section aria-label={section.heading}>
      {section.level > 0 && (
        <Heading as="h3" weight="semibold" block className={css.heading}>
          {section.number}
          {section.heading}
        </Heading>
      )}
      {section.blocks.map((b, i) =>
        b.kind === 'paragraph' ? (
          <Body1 as="p" block className={css.paragraph} key={i}>
            {b.text}
          </Body1>
        ) : (
          <div key={i} className={pane.stack}>
            <Caption1 block style={{ fontWeight: 600 }}>
              {b.caption}
              {b.unit ? `（${b.unit}）` : ''}
            </Caption1>
            <div className={css.scroll}>
              <table className={css.table}>
                <thead>
                  <tr>
                    {b.header.map((h, j) => (
                      <th key={j}>{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {b.rows.map((r, j) => (
                    <tr key={j}>
                      {r.map((c, k) => (
                        <td key={k} style={{ whiteSpace: 'pre-line' }}>
                          {c}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {(b.notes ?? []).map((n, j) => (
              <Caption1 key={`n${j}`} block>
                {n}
              </Caption1>
            ))}
          </div>
        )
      )}
    </section>
  );
}

export function ReportTab({ draft, exporting, onExport, onExportReview }: ReportTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  if (!draft) return <Body1>{s.noReport}</Body1>;
  return (
    <div className={pane.stack}>
      <div className={pane.row}>
        <Button appearance="primary" disabled={exporting} onClick={onExport}>
          {s.exportWord}
        </Button>
        {onExportReview && (
          <Button appearance="secondary" disabled={exporting} onClick={onExportReview}>
            {s.exportReview}
          </Button>
        )}
        {exporting && <Spinner size="tiny" label={s.exporting} />}
      </div>
      <article className={css.page} aria-label={draft.title}>
        <Title3 as="h2" className={css.title} block>
          {draft.title}
        </Title3>
        {draft.sections.map((sec) => (
          <Section key={sec.id} section={sec} />
        ))}
      </article>
    </div>
  );
}
