/** 数据: every catalogue input with its status and cell; bind a name to the selection; insert the template. */
import * as React from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  Caption1,
  Dropdown,
  Field,
  Input,
  makeStyles,
  Option,
  Text,
  tokens,
} from '@fluentui/react-components';
import type { BindingStatus, InputStatus } from '../inputStatus';
import { useStrings } from '../strings';
import { usePaneStyles } from './styles';
import { RecognisePanel } from './RecognisePanel';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalXS} 0`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: { display: 'flex', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  filters: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS },
  // Fluent's Dropdown and Input default to a 250 px minimum, wider than half a 320 px pane.
  narrow: { minWidth: 0, width: '100%' },
});

const BADGE: Record<BindingStatus, 'success' | 'danger' | 'warning'> = { 已绑定: 'success', 缺失: 'warning', 无效: 'danger' };

export interface DataTabProps {
  statuses: InputStatus[] | null;
  live: boolean;
  busy: boolean;
  onBind(name: string): void;
  onInsertTemplate(): void;
  onRefresh(): void;
}

type Filter = 'all' | BindingStatus;

export function DataTab({ statuses, live, busy, onBind, onInsertTemplate, onRefresh }: DataTabProps) {
  const s = useStrings();
  const css = useStyles();
  const pane = usePaneStyles();
  const [filter, setFilter] = React.useState<Filter>('all');
  const [query, setQuery] = React.useState('');
  const statusLabel: Record<BindingStatus, string> = { 已绑定: s.statusBound, 缺失: s.statusMissing, 无效: s.statusInvalid };
  const filterLabel = (f: Filter) => (f === 'all' ? s.filterAll : statusLabel[f]);

  const all = statuses ?? [];
  const count = (st: BindingStatus) => all.filter((x) => x.status === st).length;
  const shown = all.filter(
    (x) => (filter === 'all' || x.status === filter) && (!query || x.label.includes(query) || x.name.includes(query)),
  );
  const sheets = [...new Set(shown.map((x) => x.sheet))];
  // Sheets with something to fix start open; after that the user's choice holds (binding must not fold a sheet away).
  const [opened, setOpened] = React.useState<string[] | null>(null);
  const initial = sheets.filter((sh) => shown.some((x) => x.sheet === sh && x.status !== '已绑定'));
  const ready = all.length > 0;
  React.useEffect(() => {
    if (ready) setOpened((o) => o ?? initial);
    // Only the first statuses decide; later ones must not fold a sheet the user is working in.
  }, [ready]);
  const open = filter !== 'all' || query ? sheets : (opened ?? initial);

  return (
    <div className={pane.stack}>
      <div className={pane.row}>
        {live && (
          <Button appearance="primary" disabled={busy} onClick={onInsertTemplate}>
            {s.insertTemplate}
          </Button>
        )}
        <Button disabled={busy} onClick={onRefresh}>
          {s.refresh}
        </Button>
      </div>
      {live && <Caption1 className={pane.muted}>{s.bindHint}</Caption1>}
      {live && <RecognisePanel busy={busy} onBound={onRefresh} />}
      <Text weight="semibold" aria-live="polite">
        {s.counts(count('已绑定'), count('缺失'), count('无效'))}
      </Text>
      <div className={css.filters}>
        <Field label={s.filterLabel}>
          <Dropdown
            className={css.narrow}
            value={filterLabel(filter)}
            selectedOptions={[filter]}
            onOptionSelect={(_, d) => setFilter((d.optionValue as Filter) ?? 'all')}
          >
            {(['all', '已绑定', '缺失', '无效'] as Filter[]).map((f) => (
              <Option key={f} value={f}>
                {filterLabel(f)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <Field label={s.searchLabel}>
          <Input className={css.narrow} value={query} placeholder={s.searchPlaceholder} onChange={(_, d) => setQuery(d.value)} />
        </Field>
      </div>
      <Accordion multiple collapsible openItems={open} onToggle={(_, d) => setOpened(d.openItems as string[])}>
        {sheets.map((sheet) => {
          const items = shown.filter((x) => x.sheet === sheet);
          const bad = items.filter((x) => x.status !== '已绑定').length;
          return (
            <AccordionItem value={sheet} key={sheet}>
              <AccordionHeader size="small">
                <span className={pane.row}>
                  {sheet}
                  <Badge appearance="tint" color={bad ? 'warning' : 'success'}>
                    {bad ? `${bad}/${items.length}` : items.length}
                  </Badge>
                </span>
              </AccordionHeader>
              <AccordionPanel>
                <ul aria-label={sheet} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {items.map((x) => (
                    <li key={x.name} className={css.item} data-input={x.name}>
                      <div className={css.header}>
                        <Badge appearance="filled" color={BADGE[x.status]}>
                          {statusLabel[x.status]}
                        </Badge>
                        <Text className={pane.grow} weight="semibold" truncate wrap={false} title={x.label}>
                          {x.label}
                          {x.required ? ' *' : ''}
                        </Text>
                        {live && (
                          <Button size="small" disabled={busy} onClick={() => onBind(x.name)} aria-label={`${s.bind} ${x.label}`}>
                            {s.bind}
                          </Button>
                        )}
                      </div>
                      <Caption1 className={pane.mono}>
                        {x.name}
                        {x.address ? ` → ${x.address}` : ''}
                      </Caption1>
                      {x.message && <Caption1 className={x.status === '无效' ? pane.danger : pane.muted}>{x.message}</Caption1>}
                    </li>
                  ))}
                </ul>
              </AccordionPanel>
            </AccordionItem>
          );
        })}
      </Accordion>
    </div>
  );
}
