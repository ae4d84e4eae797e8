/**
 * A read-only preview of the cells around a finding's cell (the web page, which cannot select a
 * cell): a small grid with row numbers and column letters, the cell highlighted, values as the
 * sheet displays them.
 */
import * as React from 'react';
import { Caption1, makeStyles, tokens } from '@fluentui/react-components';
import type { CellPreview } from '../preview';
import { useStrings } from '../strings';

const useStyles = makeStyles({
  frame: { overflowX: 'auto', maxWidth: '100%' },
  grid: {
    borderCollapse: 'collapse',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontVariantNumeric: 'tabular-nums',
    tableLayout: 'fixed',
    '& th, & td': {
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      padding: '1px 4px',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
      maxWidth: '9em',
    },
    '& th': {
      backgroundColor: tokens.colorNeutralBackground3,
      color: tokens.colorNeutralForeground2,
      fontWeight: tokens.fontWeightRegular,
    },
    '& td': { textAlign: 'right' },
    '& td:first-of-type': { textAlign: 'left' },
  },
  label: { maxWidth: '12em' },
  target: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    outline: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteRedBorder2}`,
    outlineOffset: '-2px',
    fontWeight: tokens.fontWeightSemibold,
  },
});

export function SheetPreview({ preview }: { preview: CellPreview }) {
  const s = useStrings();
  const css = useStyles();
  const caption = `${s.previewOf(preview.sheet)} ${preview.cell}`;
  return (
    // Wider than a 350 px pane it scrolls sideways; a focusable region, so the keyboard can scroll it too.
    <div className={css.frame} data-testid="sheet-preview" role="region" aria-label={caption} tabIndex={0}>
      <table className={css.grid} aria-label={caption}>
        <caption style={{ textAlign: 'left', captionSide: 'top' }}>
          <Caption1>{caption}</Caption1>
        </caption>
        <thead>
          <tr>
            <td aria-hidden="true" />
            {preview.columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r, i) => (
            <tr key={r.row}>
              <th scope="row">{r.row}</th>
              {r.cells.map((v, j) => {
                const here = i === preview.at.row && j === preview.at.column;
                return (
                  <td
                    key={preview.columns[j]}
                    className={here ? css.target : undefined}
                    aria-current={here ? 'location' : undefined}
                    title={v || undefined}
                    data-cell={`${preview.columns[j]}${r.row}`}
                  >
                    {v}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
